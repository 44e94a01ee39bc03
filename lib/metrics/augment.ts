/** Training-time augmentation of MNIST digits for the evaluation classifier. */
import { PIXELS, SIDE } from "../data/mnist.ts";

/** Largest shift, in pixels, in each direction. */
export const MAX_SHIFT = 2;

/**
 * Writes `src` (one 28×28 image in [-1, 1]) into `dst` at `offset`, moved by
 * (dx, dy) pixels; uncovered pixels become background (-1).
 */
export function shiftImage(
  src: Float32Array,
  dst: Float32Array,
  offset: number,
  dx: number,
  dy: number,
): void {
  dst.fill(-1, offset, offset + PIXELS);
  for (let y = Math.max(0, dy); y < Math.min(SIDE, SIDE + dy); y++) {
    const from = (y - dy) * SIDE;
    const x0 = Math.max(0, dx), x1 = Math.min(SIDE, SIDE + dx);
    dst.set(src.subarray(from + x0 - dx, from + x1 - dx), offset + y * SIDE + x0);
  }
}

/** A shift in [-MAX_SHIFT, MAX_SHIFT] from a uniform [0, 1) draw. */
export function shiftOf(u: number): number {
  return Math.min(MAX_SHIFT, Math.floor(u * (2 * MAX_SHIFT + 1)) - MAX_SHIFT);
}
