/** What an experiment file declares: its runs as plain configs, and how the report presents them. */
import type { Profile } from "./profiles.ts";
import type { OptimizerConfig, RunSpec, TrainConfig } from "./run/types.ts";

/** How the report lays an experiment out. */
export type ReportKind = "runs" | "lr_grid" | "interpolation";

/** One assignment item. */
export interface Experiment {
  /** File stem, e.g. "00_base"; `deno task expN` runs it. */
  key: string;
  /** deno task name, e.g. "exp0". */
  task: string;
  title: { en: string; pt: string };
  /** What the experiment asks, one or two sentences, for --help and the report. */
  summary: string;
  report: ReportKind;
  /** The runs to train at a profile's budget; an experiment with none only reads other runs. */
  runs(p: Profile): RunSpec[];
}

/** RMSprop at a learning rate, PyTorch defaults otherwise (alpha 0.99, eps 1e-8). */
export const rmsprop = (lr: number): OptimizerConfig => ({ name: "rmsprop", lr });

/** The seed's base GAN at a profile's budget: RMSprop 0.001 for both, stable loss, seed 0. */
export function baseConfig(p: Profile): TrainConfig {
  return {
    generator: "base_g",
    discriminator: "base_d",
    g_opt: rmsprop(0.001),
    d_opt: rmsprop(0.001),
    loss: "logits",
    steps: p.steps,
    batch_size: p.batch_size,
    seed: 0,
  };
}
