/**
 * Checkpoints: the trainer's full state (weights, BatchNorm statistics, both
 * optimizers) at a step, written so a crash at any instant leaves either the
 * previous checkpoint or the new one: the tensors go to a new file first,
 * then state.json (written atomically) switches to it.
 */
import * as tf from "@tensorflow/tfjs";
import { DataError } from "../errors.ts";
import { writeFileAtomic, writeJsonAtomic } from "../fs_atomic.ts";
import { packTensors, unpackTensors } from "../models/weights.ts";
import { readJsonFile } from "../run/run_dir.ts";

/** checkpoint/state.json. */
export interface CheckpointState {
  /** Completed steps; losses.jsonl holds exactly this many records at checkpoint time. */
  step: number;
  /** Training seconds summed up to this checkpoint. */
  wall_time_s: number;
  file: string;
  shapes: number[][];
}

/** Writes tensors as the checkpoint for `step` in `<dir>/checkpoint/`, then drops older files. */
export async function writeCheckpoint(
  dir: string,
  step: number,
  wallTime: number,
  tensors: tf.Tensor[],
): Promise<void> {
  const ckdir = `${dir}/checkpoint`;
  await Deno.mkdir(ckdir, { recursive: true });
  const file = `state-${String(step).padStart(6, "0")}.bin`;
  await writeFileAtomic(`${ckdir}/${file}`, await packTensors(tensors));
  const state: CheckpointState = {
    step,
    wall_time_s: wallTime,
    file,
    shapes: tensors.map((t) => t.shape),
  };
  await writeJsonAtomic(`${ckdir}/state.json`, state);
  for await (const e of Deno.readDir(ckdir)) {
    if (e.name !== file && e.name !== "state.json") {
      await Deno.remove(`${ckdir}/${e.name}`).catch(() => {});
    }
  }
}

/** The last checkpoint of a run, or null when it has none. */
export async function readCheckpoint(
  dir: string,
): Promise<{ state: CheckpointState; tensors: tf.Tensor[] } | null> {
  const state = await readJsonFile<CheckpointState>(
    `${dir}/checkpoint/state.json`,
  );
  if (!state) return null;
  const path = `${dir}/checkpoint/${state.file}`;
  const bytes = await Deno.readFile(path).catch((err) => {
    throw new DataError(
      `${path}: unreadable checkpoint (${(err as Error).message})`,
    );
  });
  return { state, tensors: unpackTensors(bytes, state.shapes, path) };
}
