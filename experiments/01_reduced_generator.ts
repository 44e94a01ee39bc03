/** Item 1: a reduced generator (the seed's) against the base discriminator. */
import { baseConfig, type Experiment } from "../lib/experiment.ts";
import { runExperimentCli } from "../lib/suite/experiment_cli.ts";

export const experiment: Experiment = {
  key: "01_reduced_generator",
  task: "exp1",
  title: { en: "Reduced generator", pt: "Com gerador simplificado" },
  summary:
    "The seed's reduced generator (one transposed convolution, ReLU before Tanh) against the base discriminator; " +
    "and, as an extra, the same generator without the ReLU before Tanh.",
  report: "runs",
  runs: (p) => [
    { label: "reduced G (seed)", config: { ...baseConfig(p), generator: "reduced_g" } },
    {
      label: "reduced G without ReLU (extra)",
      config: { ...baseConfig(p), generator: "reduced_g_fixed" },
    },
  ],
};

// Not awaited: the report stage imports every experiment, this file included, once it has loaded.
if (import.meta.main) runExperimentCli(experiment, Deno.args);
