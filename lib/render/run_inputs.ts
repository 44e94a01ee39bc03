/**
 * What the render and report stages read from a run directory beyond
 * loadRun: the newest usable fixed-noise snapshot, metrics.json, and the
 * modification times that decide whether figures are stale.
 */
import { readJsonFile, readSnapshot, snapshotSteps } from "../run/run_dir.ts";
import { FIXED_NOISE_COUNT } from "../run/types.ts";

/** Values per fixed-noise snapshot. */
const SNAPSHOT_LENGTH = FIXED_NOISE_COUNT * 784;

/** A fixed-noise snapshot: FIXED_NOISE_COUNT images at a step. */
export interface Snapshot {
  step: number;
  images: Float32Array;
}

/** The fields of metrics.json (written by the evaluation stage) that the figures and the report use. */
export interface MetricsFields {
  fid?: number;
  classifier_score?: number;
  confident_fraction?: number;
  class_histogram?: number[];
  classes_covered?: number;
  n?: number;
}

/** Reads a snapshot, or null when it is truncated or has the wrong size (a crash mid-write before atomic writes, a foreign file). */
export async function readSnapshotSafe(
  dir: string,
  step: number,
): Promise<Float32Array | null> {
  try {
    const images = await readSnapshot(dir, step);
    return images.length === SNAPSHOT_LENGTH ? images : null;
  } catch (err) {
    if (err instanceof RangeError || err instanceof Deno.errors.NotFound) {
      return null;
    }
    throw err;
  }
}

/**
 * The newest snapshot whose values are all finite, or null. A diverged run's
 * last snapshots are NaN; its last finite one shows what it had learnt.
 */
export async function lastFiniteSnapshot(
  dir: string,
): Promise<Snapshot | null> {
  const steps = await snapshotSteps(dir);
  for (let i = steps.length - 1; i >= 0; i--) {
    const images = await readSnapshotSafe(dir, steps[i]);
    if (images && images.every(Number.isFinite)) {
      return { step: steps[i], images };
    }
  }
  return null;
}

/** Up to `max` of `steps`, evenly spread, first and last included. */
export function spreadSteps(steps: readonly number[], max: number): number[] {
  if (steps.length <= max) return [...steps];
  const picked = Array.from(
    { length: max },
    (_, i) => steps[Math.round(i * (steps.length - 1) / (max - 1))],
  );
  return [...new Set(picked)];
}

function finite(v: unknown): number | undefined {
  return typeof v === "number" && Number.isFinite(v) ? v : undefined;
}

/**
 * metrics.json of a run, keeping only well-typed fields; null when absent.
 * Throws DataError (from readJsonFile) when it is not valid JSON.
 */
export async function readMetrics(path: string): Promise<MetricsFields | null> {
  const raw = await readJsonFile<Record<string, unknown>>(path);
  if (raw === null || typeof raw !== "object") return null;
  const hist = raw.class_histogram;
  return {
    fid: finite(raw.fid),
    classifier_score: finite(raw.classifier_score),
    confident_fraction: finite(raw.confident_fraction),
    class_histogram: Array.isArray(hist) && hist.length === 10 &&
        hist.every((v) => finite(v) !== undefined)
      ? hist as number[]
      : undefined,
    classes_covered: finite(raw.classes_covered),
    n: finite(raw.n),
  };
}

/** Modification time of a file in ms, or null when it does not exist. */
export async function mtime(path: string): Promise<number | null> {
  try {
    return (await Deno.stat(path)).mtime?.getTime() ?? null;
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return null;
    throw err;
  }
}
