/**
 * Loss series prepared for charts: non-finite values dropped, a moving
 * average for the trend, and downsampling so a 5000-step run still draws as
 * a few hundred points per line (small SVGs) without hiding spikes.
 */
import type { LossRecord } from "../run/types.ts";

/** |loss| above which a run's losses count as exploded (BCE of a working GAN stays near 0.3–3). */
export const EXPLODING_LOSS = 100;

/** One point of a series. */
export interface Point {
  step: number;
  value: number;
}

/** The loss a LossRecord holds for one network. */
export type LossKey = "d_loss" | "g_loss";

/**
 * The finite values of one loss, by step. NaN and ±Inf cannot be written in
 * JSON, so a diverged step shows up as null (or a string) and is skipped here.
 */
export function lossPoints(
  losses: readonly LossRecord[],
  key: LossKey,
): Point[] {
  const out: Point[] = [];
  for (const r of losses) {
    const v = r[key];
    if (typeof v === "number" && Number.isFinite(v)) {
      out.push({ step: r.step, value: v });
    }
  }
  return out;
}

/** Centred moving average over `window` points (shrinking at the ends). */
export function movingAverage(
  points: readonly Point[],
  window: number,
): Point[] {
  const half = Math.max(0, Math.floor(window / 2));
  const prefix = new Float64Array(points.length + 1);
  points.forEach((p, i) => prefix[i + 1] = prefix[i] + p.value);
  return points.map((p, i) => {
    const lo = Math.max(0, i - half);
    const hi = Math.min(points.length, i + half + 1);
    return { step: p.step, value: (prefix[hi] - prefix[lo]) / (hi - lo) };
  });
}

/** A smoothing window that spans about 2% of the run, at least 1 point. */
export function smoothingWindow(n: number): number {
  return Math.max(1, Math.round(n / 50));
}

/** Every k-th point (last included) so at most `max` remain; for smooth lines. */
export function stride(points: readonly Point[], max: number): Point[] {
  if (points.length <= max) return [...points];
  const k = Math.ceil(points.length / max);
  const out = points.filter((_, i) => i % k === 0);
  if (out[out.length - 1] !== points[points.length - 1]) {
    out.push(points[points.length - 1]);
  }
  return out;
}

/**
 * The minimum and maximum of each of max/2 equal buckets, in step order; for
 * raw, noisy lines, where a stride would drop exactly the spikes that matter.
 */
export function envelope(points: readonly Point[], max: number): Point[] {
  if (points.length <= max) return [...points];
  const buckets = Math.max(1, Math.floor(max / 2));
  const size = points.length / buckets;
  const out: Point[] = [];
  for (let b = 0; b < buckets; b++) {
    const slice = points.slice(
      Math.floor(b * size),
      Math.floor((b + 1) * size),
    );
    if (slice.length === 0) continue;
    let lo = slice[0], hi = slice[0];
    for (const p of slice) {
      if (p.value < lo.value) lo = p;
      if (p.value > hi.value) hi = p;
    }
    if (lo === hi) out.push(lo);
    else out.push(...(lo.step < hi.step ? [lo, hi] : [hi, lo]));
  }
  return out;
}

/** First step whose D or G loss is non-finite or exceeds EXPLODING_LOSS in magnitude, or null. */
export function firstExplodingStep(
  losses: readonly LossRecord[],
): number | null {
  for (const r of losses) {
    for (const v of [r.d_loss, r.g_loss]) {
      if (
        typeof v !== "number" || !Number.isFinite(v) ||
        Math.abs(v) > EXPLODING_LOSS
      ) return r.step;
    }
  }
  return null;
}
