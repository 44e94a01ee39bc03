/**
 * Paths through the latent space between two vectors. Linear interpolation
 * cuts through the low-density centre of a high-dimensional Gaussian (its
 * midpoints have a smaller norm than any typical sample); spherical
 * interpolation (slerp) keeps the norm, so both are drawn side by side.
 */
import { mixSeed, normalArray } from "../rng.ts";
import { LATENT_DIM } from "../run/types.ts";

/** Seed of the interpolation endpoints: the same for every run, so strips compare across generators. */
export const INTERP_SEED = 5_550_123;

/** Images per interpolation strip, endpoints included. */
export const INTERP_STEPS = 10;

/** How to walk from one latent vector to the other. */
export type InterpolationKind = "linear" | "slerp";

function checkSameLength(a: Float32Array, b: Float32Array): void {
  if (a.length !== b.length) {
    throw new RangeError(
      `vectors differ in length: ${a.length} vs ${b.length}`,
    );
  }
}

/** (1 − t)·a + t·b. */
export function lerp(
  a: Float32Array,
  b: Float32Array,
  t: number,
): Float32Array {
  checkSameLength(a, b);
  const out = new Float32Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = (1 - t) * a[i] + t * b[i];
  return out;
}

/**
 * Spherical interpolation: sin((1−t)Ω)/sin Ω · a + sin(tΩ)/sin Ω · b, Ω the
 * angle between a and b; vectors of equal norm keep that norm all the way.
 * Falls back to lerp when Ω is ~0 (or ~π), where sin Ω cannot be divided by.
 */
export function slerp(
  a: Float32Array,
  b: Float32Array,
  t: number,
): Float32Array {
  checkSameLength(a, b);
  let dot = 0, na = 0, nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  const cos = dot / Math.sqrt(na * nb);
  const omega = Math.acos(Math.min(1, Math.max(-1, cos)));
  const sin = Math.sin(omega);
  if (!(sin > 1e-6)) return lerp(a, b, t);
  const wa = Math.sin((1 - t) * omega) / sin;
  const wb = Math.sin(t * omega) / sin;
  const out = new Float32Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = wa * a[i] + wb * b[i];
  return out;
}

/** `steps` vectors from a to b inclusive, concatenated (steps·dim floats). */
export function interpolationPath(
  a: Float32Array,
  b: Float32Array,
  steps = INTERP_STEPS,
  kind: InterpolationKind = "linear",
): Float32Array {
  if (!Number.isInteger(steps) || steps < 2) {
    throw new RangeError(`steps must be an integer ≥ 2, got ${steps}`);
  }
  const f = kind === "slerp" ? slerp : lerp;
  const out = new Float32Array(steps * a.length);
  for (let s = 0; s < steps; s++) {
    out.set(f(a, b, s / (steps - 1)), s * a.length);
  }
  return out;
}

/** `count` pairs of standard-normal latent vectors drawn from INTERP_SEED. */
export function latentPairs(count: number): [Float32Array, Float32Array][] {
  return Array.from({ length: count }, (_, i) => [
    normalArray(mixSeed(INTERP_SEED, i, 0), LATENT_DIM),
    normalArray(mixSeed(INTERP_SEED, i, 1), LATENT_DIM),
  ]);
}
