/** Test fixtures: fake run directories written as the training stage would write them. */
import { loadMnist } from "../data/mnist.ts";
import { architecture } from "../models/architectures.ts";
import { buildModel } from "../models/build.ts";
import { saveWeights } from "../models/weights.ts";
import { runDir, sampleStem } from "../run/run_dir.ts";
import { runId } from "../run/run_id.ts";
import {
  FIXED_NOISE_COUNT,
  type LossRecord,
  type RunRecord,
  type RunSpec,
  type RunState,
  type RunStatus,
} from "../run/types.ts";

/** What to put in a fake run; everything but the spec has a healthy default. */
export interface FakeRun {
  spec: RunSpec;
  state?: RunState;
  /** Steps completed (default: all of config.steps). */
  stepsDone?: number;
  /** For state "diverged". */
  divergedAt?: number;
  sampleEvery?: number;
  /** D and G loss at a step; null stands for a non-finite value. */
  loss?: (step: number) => [number | null, number | null];
  /** The 64 fixed-noise images at a step (default: real MNIST test digits, different each step). */
  snapshot?: (step: number) => Float32Array;
  /** Write random-initialised generator weights (needs a tfjs backend). */
  generator?: boolean;
  metrics?: Record<string, unknown>;
}

let digits: Float32Array | null = null;

/** `FIXED_NOISE_COUNT` real test digits starting at image `offset`, in [-1, 1]. */
export async function realDigits(offset: number): Promise<Float32Array> {
  digits ??= (await loadMnist("test")).images;
  const start = (offset * 784) % (digits.length - FIXED_NOISE_COUNT * 784);
  return digits.slice(start, start + FIXED_NOISE_COUNT * 784);
}

/** Writes a run directory under `<out>/runs/` and returns its path. */
export async function writeFakeRun(
  out: string,
  fake: FakeRun,
): Promise<string> {
  const { spec } = fake;
  const id = runId(spec.config);
  const dir = runDir(out, id);
  const steps = fake.stepsDone ?? spec.config.steps;
  const every = fake.sampleEvery ??
    Math.max(1, Math.floor(spec.config.steps / 2));
  await Deno.mkdir(`${dir}/samples`, { recursive: true });
  const record: RunRecord = {
    id,
    label: spec.label,
    config: spec.config,
    sample_every: every,
    checkpoint_every: every,
    backend: { name: "cpu", reason: "test fixture", threads: 1 },
    versions: { tfjs: "4.22.0", deno: Deno.version.deno },
    created: new Date(0).toISOString(),
  };
  await Deno.writeTextFile(`${dir}/config.json`, JSON.stringify(record));
  const status: RunStatus = {
    state: fake.state ?? "done",
    step: steps,
    steps: spec.config.steps,
    diverged_at: fake.divergedAt,
    wall_time_s: steps * 0.5,
    samples_per_s: spec.config.batch_size / 0.5,
    updated: new Date(0).toISOString(),
  };
  await Deno.writeTextFile(`${dir}/status.json`, JSON.stringify(status));
  const loss = fake.loss ??
    ((s: number) => [0.6 + 0.1 * Math.sin(s), 1.2 + 0.2 * Math.cos(s)]);
  const lines: string[] = [];
  for (let s = 1; s <= steps; s++) {
    const [d, g] = loss(s);
    const r = {
      step: s,
      d_loss: d,
      g_loss: g,
      d_real: 0.6,
      d_fake: 0.4,
    } as LossRecord;
    lines.push(JSON.stringify(r));
  }
  await Deno.writeTextFile(`${dir}/losses.jsonl`, lines.join("\n") + "\n");
  for (let s = 0; s <= steps; s += every) {
    const images = fake.snapshot ? fake.snapshot(s) : await realDigits(s);
    await Deno.writeFile(
      `${dir}/${sampleStem(s)}.f32`,
      new Uint8Array(images.buffer, images.byteOffset, images.byteLength),
    );
  }
  if (fake.generator) {
    const model = buildModel(architecture(spec.config.generator));
    await saveWeights(model, `${dir}/generator`);
    model.dispose();
  }
  if (fake.metrics) {
    await Deno.writeTextFile(
      `${dir}/metrics.json`,
      JSON.stringify(fake.metrics),
    );
  }
  return dir;
}
