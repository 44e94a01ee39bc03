/**
 * Numbers about a set of images that reveal what a GAN's samples look like
 * without looking: how much they differ from each other (mode collapse),
 * how bright they are, whether they are noise, and their value range.
 * Compared with the same numbers for real MNIST digits.
 */
import { loadMnist } from "../data/mnist.ts";

const SIDE = 28;
const PIXELS = SIDE * SIDE;

/**
 * Mean |difference| per pixel under which two images count as near-identical:
 * 2.5% of the [-1, 1] range. Among 500 real test digits the closest pair
 * differs by 0.02 and 99% of pairs by more than 0.11.
 */
export const NEAR_IDENTICAL = 0.05;

/** Real test digits the reference statistics are computed from. */
export const REFERENCE_COUNT = 500;

/** Statistics of `n` images in [-1, 1]. */
export interface SampleStats {
  n: number;
  /** Per-pixel standard deviation across the images, averaged over pixels: 0 when all images are equal. */
  spread: number;
  /** Mean pixel value (−1 black … 1 white). */
  mean: number;
  /** Standard deviation of the pixels within each image, averaged over images: 0 for a uniform image. */
  contrast: number;
  min: number;
  max: number;
  /** Mean |difference| between horizontally and vertically neighbouring pixels: high for noise, low for strokes. */
  roughness: number;
  /** Fraction of image pairs whose mean |difference| per pixel is below NEAR_IDENTICAL. */
  near_identical: number;
}

/** Statistics of the first `n` images of `images` (n·784 values). */
export function sampleStats(images: Float32Array, n: number): SampleStats {
  if (n < 2 || images.length < n * PIXELS) {
    throw new RangeError(`need at least 2 images of ${PIXELS} values`);
  }
  let spread = 0;
  for (let p = 0; p < PIXELS; p++) {
    let s = 0, s2 = 0;
    for (let i = 0; i < n; i++) {
      const v = images[i * PIXELS + p];
      s += v;
      s2 += v * v;
    }
    const m = s / n;
    spread += Math.sqrt(Math.max(0, s2 / n - m * m));
  }
  let sum = 0, min = Infinity, max = -Infinity, rough = 0, contrast = 0;
  for (let i = 0; i < n; i++) {
    const o = i * PIXELS;
    let s = 0, s2 = 0;
    for (let y = 0; y < SIDE; y++) {
      for (let x = 0; x < SIDE; x++) {
        const v = images[o + y * SIDE + x];
        s += v;
        s2 += v * v;
        min = Math.min(min, v);
        max = Math.max(max, v);
        if (x + 1 < SIDE) rough += Math.abs(v - images[o + y * SIDE + x + 1]);
        if (y + 1 < SIDE) rough += Math.abs(v - images[o + (y + 1) * SIDE + x]);
      }
    }
    sum += s;
    contrast += Math.sqrt(Math.max(0, s2 / PIXELS - (s / PIXELS) ** 2));
  }
  let near = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      let d = 0;
      for (let p = 0; p < PIXELS; p++) {
        d += Math.abs(images[i * PIXELS + p] - images[j * PIXELS + p]);
      }
      if (d / PIXELS < NEAR_IDENTICAL) near++;
    }
  }
  return {
    n,
    spread: spread / PIXELS,
    mean: sum / (n * PIXELS),
    contrast: contrast / n,
    min,
    max,
    roughness: rough / (n * 2 * SIDE * (SIDE - 1)),
    near_identical: near / (n * (n - 1) / 2),
  };
}

/** The same statistics for REFERENCE_COUNT real MNIST test digits. */
export async function realReference(mnistDir?: string): Promise<SampleStats> {
  const test = await loadMnist("test", mnistDir);
  return sampleStats(test.images, Math.min(REFERENCE_COUNT, test.n));
}
