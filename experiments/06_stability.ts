/** Beyond the seed: the loss on D's probability (a literal reading of the seed) against the stable form. */
import { baseConfig, type Experiment } from "../lib/experiment.ts";
import { runExperimentCli } from "../lib/suite/experiment_cli.ts";

export const experiment: Experiment = {
  key: "06_stability",
  task: "exp6",
  title: { en: "Numerical stability", pt: "Estabilidade numérica" },
  summary:
    "The base config trained with binary cross-entropy on D's sigmoid probability (PyTorch's BCELoss, log clamped at -100) " +
    "against the stable form on D's logit, same seed and budget.",
  report: "runs",
  runs: (p) => [
    { label: "BCE on logit (stable, default)", config: baseConfig(p) },
    { label: "BCE on probability (literal)", config: { ...baseConfig(p), loss: "prob" } },
  ],
};

// Not awaited: the report stage imports every experiment, this file included, once it has loaded.
if (import.meta.main) runExperimentCli(experiment, Deno.args);
