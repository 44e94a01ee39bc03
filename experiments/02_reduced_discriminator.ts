/** Item 2: a reduced discriminator (the seed's) against the base generator. */
import { baseConfig, type Experiment } from "../lib/experiment.ts";
import { runExperimentCli } from "../lib/suite/experiment_cli.ts";

export const experiment: Experiment = {
  key: "02_reduced_discriminator",
  task: "exp2",
  title: { en: "Reduced discriminator", pt: "Com discriminador simplificado" },
  summary:
    "The seed's reduced discriminator (one convolution, 16 kernels) against the base generator.",
  report: "runs",
  runs: (p) => [
    { label: "reduced D (seed)", config: { ...baseConfig(p), discriminator: "reduced_d" } },
  ],
};

// Not awaited: the report stage imports every experiment, this file included, once it has loaded.
if (import.meta.main) runExperimentCli(experiment, Deno.args);
