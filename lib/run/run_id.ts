/** Run ids derived from the training config: same config → same directory → reused. */
import type { OptimizerConfig, TrainConfig } from "./types.ts";

function opt(o: OptimizerConfig): string {
  const betas = o.name === "adam" && (o.beta1 !== undefined || o.beta2 !== undefined)
    ? `-b${o.beta1 ?? 0.9}-${o.beta2 ?? 0.999}`
    : "";
  return `${o.name}${o.lr}${betas}`;
}

/** A readable, filesystem-safe id naming every field of the config. */
export function runId(c: TrainConfig): string {
  return [
    c.generator,
    c.discriminator,
    `g-${opt(c.g_opt)}`,
    `d-${opt(c.d_opt)}`,
    c.loss,
    `n${c.steps}-b${c.batch_size}-s${c.seed}`,
  ].join("__");
}
