/**
 * The run directory contract: the only interface between training, rendering,
 * evaluation and the report. A run lives in `<out>/runs/<id>/`:
 *
 *   config.json          RunRecord: the training config, its id, backend, versions
 *   status.json          RunStatus: running | done | diverged | failed, step reached, timing
 *   losses.jsonl         one LossRecord per line, exactly one per completed step
 *   samples/step_NNNNNN.f32   the generator's output on the fixed noise at that step
 *                        (FIXED_NOISE_COUNT images × 784 float32 little-endian, in [-1, 1])
 *   samples/step_NNNNNN.png   the same as an 8×8 PNG grid (white digits on black)
 *   generator/           final generator weights (weights.json + weights.bin)
 *   discriminator/       final discriminator weights
 *   checkpoint/          resumable state while the run is unfinished
 *   figures/             written by the render stage
 *   metrics.json         written by the evaluation stage
 */

/** Optimizers with PyTorch's default hyper-parameters unless given. */
export type OptimizerName = "rmsprop" | "adam" | "sgd";

/** An optimizer and its settings; beta1/beta2 apply to Adam only. */
export interface OptimizerConfig {
  name: OptimizerName;
  lr: number;
  beta1?: number;
  beta2?: number;
}

/** `logits`: BCE from D's pre-sigmoid output (stable). `prob`: BCE on D's probability, log clamped at -100 (PyTorch's BCELoss). */
export type LossForm = "logits" | "prob";

/** Everything that determines a training run's result. Equal configs → same run id. */
export interface TrainConfig {
  generator: string;
  discriminator: string;
  g_opt: OptimizerConfig;
  d_opt: OptimizerConfig;
  loss: LossForm;
  steps: number;
  batch_size: number;
  seed: number;
}

/** A run as an experiment declares it: a config and a human label. */
export interface RunSpec {
  label: string;
  config: TrainConfig;
}

/** Contents of config.json. */
export interface RunRecord {
  id: string;
  label: string;
  config: TrainConfig;
  /** Steps between fixed-noise snapshots and checkpoints. */
  sample_every: number;
  checkpoint_every: number;
  backend: { name: string; reason: string; threads: number };
  versions: { tfjs: string; deno: string };
  created: string;
}

export type RunState = "running" | "done" | "diverged" | "failed";

/** Contents of status.json. */
export interface RunStatus {
  state: RunState;
  /** Last completed step (1-based count of completed steps). */
  step: number;
  steps: number;
  /** For `diverged`: the step whose loss or weights became NaN/Inf. */
  diverged_at?: number;
  /** For `diverged`/`failed`: one line saying what happened. */
  reason?: string;
  /** Training time summed over all sessions of this run, seconds. */
  wall_time_s: number;
  samples_per_s: number;
  updated: string;
}

/** One line of losses.jsonl. d_real/d_fake: D's mean probability on the real and the generated batch. */
export interface LossRecord {
  step: number;
  d_loss: number;
  g_loss: number;
  d_real: number;
  d_fake: number;
}

/** Number of fixed-noise vectors rendered in sample grids (8×8). */
export const FIXED_NOISE_COUNT = 64;
/** Seed of the fixed noise: the same for every run, so grids compare. */
export const FIXED_NOISE_SEED = 20240607;
/** Latent dimension of every generator. */
export const LATENT_DIM = 100;
