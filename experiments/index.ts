/** Every experiment, in report order. */
import type { Experiment } from "../lib/experiment.ts";
import { experiment as base } from "./00_base.ts";
import { experiment as reducedG } from "./01_reduced_generator.ts";
import { experiment as reducedD } from "./02_reduced_discriminator.ts";
import { experiment as learningRates } from "./03_learning_rates.ts";
import { experiment as adam } from "./04_adam.ts";
import { experiment as interpolation } from "./05_interpolation.ts";
import { experiment as stability } from "./06_stability.ts";

export const EXPERIMENTS: readonly Experiment[] = [
  base,
  reducedG,
  reducedD,
  learningRates,
  adam,
  interpolation,
  stability,
];
