/** Reading and writing the files of a run directory (see types.ts for the layout). */
import { DataError } from "../errors.ts";
import { writeJsonAtomic } from "../fs_atomic.ts";
import type { LossRecord, RunRecord, RunStatus } from "./types.ts";

/** The directory of run `id` under the results directory `out`. */
export function runDir(out: string, id: string): string {
  return `${out}/runs/${id}`;
}

/** Reads and parses a JSON file, or throws a DataError naming it; null when absent. */
export async function readJsonFile<T>(path: string): Promise<T | null> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return null;
    throw new DataError(`${path}: unreadable (${(err as Error).message})`);
  }
  try {
    return JSON.parse(text) as T;
  } catch (err) {
    throw new DataError(`${path}: invalid JSON (${(err as Error).message})`);
  }
}

/** config.json of a run, or null if the run does not exist. */
export function readRecord(dir: string): Promise<RunRecord | null> {
  return readJsonFile<RunRecord>(`${dir}/config.json`);
}

/** status.json of a run, or null if it has none yet. */
export function readStatus(dir: string): Promise<RunStatus | null> {
  return readJsonFile<RunStatus>(`${dir}/status.json`);
}

/** Writes status.json atomically, stamping the time. */
export function writeStatus(dir: string, status: Omit<RunStatus, "updated">): Promise<void> {
  return writeJsonAtomic(`${dir}/status.json`, { ...status, updated: new Date().toISOString() });
}

/** Parses losses.jsonl text: one record per step, in order; a torn last line (crash mid-write) is dropped. */
export function parseLosses(text: string, source: string): LossRecord[] {
  const lines = text.split("\n");
  const out: LossRecord[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === "") return;
    try {
      out.push(JSON.parse(line) as LossRecord);
    } catch {
      if (i === lines.length - 1) return;
      throw new DataError(`${source}: line ${i + 1} is not valid JSON`);
    }
  });
  return out;
}

/** The loss records of a run ([] when it has none yet). */
export async function readLosses(dir: string): Promise<LossRecord[]> {
  const path = `${dir}/losses.jsonl`;
  try {
    return parseLosses(await Deno.readTextFile(path), path);
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return [];
    throw err;
  }
}

/** Everything the render, evaluation and report stages read about a run. */
export interface LoadedRun {
  dir: string;
  record: RunRecord;
  status: RunStatus | null;
  losses: LossRecord[];
}

/** Loads a run's config, status and losses; throws DataError naming the broken file. */
export async function loadRun(dir: string): Promise<LoadedRun> {
  const record = await readRecord(dir);
  if (!record) throw new DataError(`${dir}/config.json: missing`);
  if (typeof record.id !== "string" || typeof record.config !== "object") {
    throw new DataError(`${dir}/config.json: not a run record`);
  }
  return { dir, record, status: await readStatus(dir), losses: await readLosses(dir) };
}

/** Snapshot file stem for a step: samples/step_000100. */
export function sampleStem(step: number): string {
  return `samples/step_${String(step).padStart(6, "0")}`;
}

/** Steps that have a fixed-noise snapshot (.f32), ascending. */
export async function snapshotSteps(dir: string): Promise<number[]> {
  const steps: number[] = [];
  try {
    for await (const e of Deno.readDir(`${dir}/samples`)) {
      const m = e.name.match(/^step_(\d+)\.f32$/);
      if (m) steps.push(Number(m[1]));
    }
  } catch (err) {
    if (!(err instanceof Deno.errors.NotFound)) throw err;
  }
  return steps.sort((a, b) => a - b);
}

/** Reads a fixed-noise snapshot: FIXED_NOISE_COUNT·784 floats in [-1, 1]. */
export async function readSnapshot(dir: string, step: number): Promise<Float32Array> {
  const bytes = await Deno.readFile(`${dir}/${sampleStem(step)}.f32`);
  return new Float32Array(bytes.slice().buffer);
}
