/**
 * Saves and loads a model's weights (trainable and BatchNorm statistics) as
 * weights.json (shapes, in model order) + weights.bin (float32 LE),
 * atomically. The architecture comes from the run's config, not the file.
 */
import * as tf from "@tensorflow/tfjs";
import { DataError } from "../errors.ts";
import { writeFileAtomic, writeJsonAtomic } from "../fs_atomic.ts";

interface WeightsManifest {
  format: "gan-lab-weights-1";
  shapes: number[][];
}

/** Concatenates tensors' values into one float32 buffer (one async read each). */
export async function packTensors(tensors: tf.Tensor[]): Promise<Uint8Array> {
  const total = tensors.reduce((s, t) => s + t.size, 0);
  const out = new Float32Array(total);
  let off = 0;
  for (const t of tensors) {
    out.set(await t.data() as Float32Array, off);
    off += t.size;
  }
  return new Uint8Array(out.buffer);
}

/** Splits a float32 buffer into tensors of the given shapes, or throws naming `source`. */
export function unpackTensors(
  bytes: Uint8Array,
  shapes: number[][],
  source: string,
): tf.Tensor[] {
  const need = shapes.reduce((s, sh) => s + sh.reduce((a, b) => a * b, 1), 0);
  if (bytes.byteLength !== need * 4) {
    throw new DataError(
      `${source}: ${bytes.byteLength} bytes, expected ${need * 4}`,
    );
  }
  const all = new Float32Array(bytes.slice().buffer);
  let off = 0;
  return shapes.map((shape) => {
    const n = shape.reduce((a, b) => a * b, 1);
    const t = tf.tensor(all.subarray(off, off + n), shape, "float32");
    off += n;
    return t;
  });
}

/** Writes the model's weights into `dir` (created if needed). */
export async function saveWeights(
  model: tf.LayersModel,
  dir: string,
): Promise<void> {
  await Deno.mkdir(dir, { recursive: true });
  const weights = model.weights.map((w) => w.read());
  await writeFileAtomic(`${dir}/weights.bin`, await packTensors(weights));
  const manifest: WeightsManifest = {
    format: "gan-lab-weights-1",
    shapes: weights.map((w) => w.shape),
  };
  await writeJsonAtomic(`${dir}/weights.json`, manifest);
}

/** Loads weights saved by `saveWeights` into a model of the same architecture. */
export async function loadWeights(
  model: tf.LayersModel,
  dir: string,
): Promise<void> {
  let manifest: WeightsManifest;
  try {
    manifest = JSON.parse(await Deno.readTextFile(`${dir}/weights.json`));
  } catch (err) {
    throw new DataError(
      `${dir}/weights.json: unreadable (${(err as Error).message})`,
    );
  }
  const expected = model.weights.map((w) => w.shape);
  if (
    manifest.format !== "gan-lab-weights-1" ||
    JSON.stringify(manifest.shapes) !== JSON.stringify(expected)
  ) {
    throw new DataError(
      `${dir}/weights.json: shapes do not match the architecture`,
    );
  }
  const bytes = await Deno.readFile(`${dir}/weights.bin`).catch((err) => {
    throw new DataError(
      `${dir}/weights.bin: unreadable (${(err as Error).message})`,
    );
  });
  const tensors = unpackTensors(bytes, manifest.shapes, `${dir}/weights.bin`);
  model.weights.forEach((w, i) => w.write(tensors[i]));
  tf.dispose(tensors);
}
