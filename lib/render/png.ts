/**
 * Image grids as PNG (pngjs): generator outputs in [-1, 1] drawn as MNIST
 * draws them, white digit on black, in cells separated by thin grey lines
 * so that black backgrounds of neighbouring images stay distinguishable.
 */
import { Buffer } from "node:buffer";
import { PNG } from "pngjs";

/** Side of an MNIST image in pixels. */
const SIDE = 28;
/** Pixels per image. */
const PIXELS = SIDE * SIDE;
/** Grey of separators and empty cells: visibly neither a digit stroke nor background. */
const SEPARATOR = 110;
/** Non-finite pixels (a diverged generator) are drawn red, impossible in a grey image. */
const NON_FINITE: [number, number, number] = [230, 20, 60];

/** Layout of a grid. */
export interface PngOptions {
  /** Integer upscale of every image (nearest neighbour); 1 = 28 px a cell. */
  scale?: number;
  /** Separator width in output pixels, also drawn around the border. */
  gap?: number;
}

/** A decoded PNG: RGBA bytes, row-major. */
export interface DecodedPng {
  width: number;
  height: number;
  data: Uint8Array;
}

/** Grey level 0..255 of a value in [-1, 1]: -1 black, 1 white; out-of-range values clamp. */
export function grey(v: number): number {
  return Math.round(Math.min(1, Math.max(0, (v + 1) / 2)) * 255);
}

function checkOptions(opts: PngOptions): { scale: number; gap: number } {
  const scale = opts.scale ?? 1;
  const gap = opts.gap ?? 1;
  if (!Number.isInteger(scale) || scale < 1) {
    throw new RangeError(`scale must be an integer ≥ 1, got ${scale}`);
  }
  if (!Number.isInteger(gap) || gap < 0) {
    throw new RangeError(`gap must be an integer ≥ 0, got ${gap}`);
  }
  return { scale, gap };
}

/** Draws rows of cells; a cell is an offset into its row's images, or absent (left grey). */
function compose(
  rows: Float32Array[],
  cols: number,
  opts: PngOptions,
): Uint8Array {
  const { scale, gap } = checkOptions(opts);
  const cell = SIDE * scale;
  const width = cols * cell + (cols + 1) * gap;
  const height = rows.length * cell + (rows.length + 1) * gap;
  const png = new PNG({ width, height });
  const data: Uint8Array = png.data;
  for (let i = 0; i < data.length; i += 4) {
    data[i] = data[i + 1] = data[i + 2] = SEPARATOR;
    data[i + 3] = 255;
  }
  rows.forEach((row, r) => {
    const count = Math.floor(row.length / PIXELS);
    for (let c = 0; c < Math.min(count, cols); c++) {
      const x0 = gap + c * (cell + gap);
      const y0 = gap + r * (cell + gap);
      for (let y = 0; y < cell; y++) {
        for (let x = 0; x < cell; x++) {
          const v = row[
            c * PIXELS + Math.floor(y / scale) * SIDE + Math.floor(x / scale)
          ];
          const o = ((y0 + y) * width + x0 + x) * 4;
          if (Number.isFinite(v)) {
            data[o] = data[o + 1] = data[o + 2] = grey(v);
          } else {
            [data[o], data[o + 1], data[o + 2]] = NON_FINITE;
          }
        }
      }
    }
  });
  return new Uint8Array(PNG.sync.write(png, { colorType: 2 }));
}

/**
 * `count` images (count·784 floats in [-1, 1]) in a grid `cols` wide,
 * filled row by row; cells past `count` stay grey.
 */
export function gridPng(
  images: Float32Array,
  count: number,
  cols: number,
  opts: PngOptions = {},
): Uint8Array {
  if (!Number.isInteger(cols) || cols < 1) {
    throw new RangeError(`cols must be an integer ≥ 1, got ${cols}`);
  }
  if (images.length < count * PIXELS) {
    throw new RangeError(
      `${count} images need ${count * PIXELS} values, got ${images.length}`,
    );
  }
  const rows: Float32Array[] = [];
  for (let start = 0; start < count; start += cols) {
    const end = Math.min(count, start + cols);
    rows.push(images.subarray(start * PIXELS, end * PIXELS));
  }
  return compose(rows, cols, opts);
}

/**
 * One row of images per array (e.g. an interpolation path of 10 steps, or one
 * fixed-noise vector across snapshot steps). The strip is as wide as the
 * longest row; shorter rows end in grey.
 */
export function stripPng(
  rows: Float32Array[],
  opts: PngOptions = {},
): Uint8Array {
  if (rows.length === 0) throw new RangeError("a strip needs at least one row");
  const cols = Math.max(...rows.map((r) => Math.floor(r.length / PIXELS)));
  if (cols === 0) throw new RangeError("a strip needs at least one image");
  return compose(rows, cols, opts);
}

/** Decodes a PNG into RGBA bytes (for tests and checks). */
export function decodePng(bytes: Uint8Array): DecodedPng {
  const png = PNG.sync.read(Buffer.from(bytes));
  return {
    width: png.width,
    height: png.height,
    data: new Uint8Array(png.data),
  };
}
