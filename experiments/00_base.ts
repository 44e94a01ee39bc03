/** Item 0: the seed's base GAN (RMSprop 0.001 for both). */
import { baseConfig, type Experiment } from "../lib/experiment.ts";
import { runExperimentCli } from "../lib/suite/experiment_cli.ts";

export const experiment: Experiment = {
  key: "00_base",
  task: "exp0",
  title: { en: "Base GAN", pt: "GAN Base" },
  summary:
    "The seed's base generator and discriminator, RMSprop with learning rate 0.001 for both.",
  report: "runs",
  runs: (p) => [{ label: "base", config: baseConfig(p) }],
};

// Not awaited: the report stage imports every experiment, this file included, once it has loaded.
if (import.meta.main) runExperimentCli(experiment, Deno.args);
