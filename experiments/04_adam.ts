/** Item 4: another optimizer: both switched to Adam. */
import { baseConfig, type Experiment } from "../lib/experiment.ts";
import { runExperimentCli } from "../lib/suite/experiment_cli.ts";

export const experiment: Experiment = {
  key: "04_adam",
  task: "exp4",
  title: { en: "Adam optimizer", pt: "Utilizando otimizador Adam" },
  summary:
    "Both networks trained with Adam at lr 0.001 (PyTorch defaults: betas 0.9/0.999, eps 1e-8); " +
    "and the DCGAN paper's setting (Adam lr 0.0002, beta1 0.5) as a second run.",
  report: "runs",
  runs: (p) => [
    {
      label: "Adam 0.001",
      config: {
        ...baseConfig(p),
        g_opt: { name: "adam", lr: 0.001 },
        d_opt: { name: "adam", lr: 0.001 },
      },
    },
    {
      label: "Adam 0.0002, β1 0.5 (DCGAN)",
      config: {
        ...baseConfig(p),
        g_opt: { name: "adam", lr: 0.0002, beta1: 0.5 },
        d_opt: { name: "adam", lr: 0.0002, beta1: 0.5 },
      },
    },
  ],
};

// Not awaited: the report stage imports every experiment, this file included, once it has loaded.
if (import.meta.main) runExperimentCli(experiment, Deno.args);
