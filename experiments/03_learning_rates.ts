/** Item 3: G's and D's learning rates varied independently over 0.1 → 0.001 → 0.00001. */
import { baseConfig, type Experiment, rmsprop } from "../lib/experiment.ts";
import { runExperimentCli } from "../lib/suite/experiment_cli.ts";

/** The seed's learning rates, largest first. */
export const LEARNING_RATES = [0.1, 0.001, 0.00001] as const;

export const experiment: Experiment = {
  key: "03_learning_rates",
  task: "exp3",
  title: { en: "Learning rates", pt: "Taxas de aprendizado" },
  summary:
    "The full 3×3 grid of (G lr, D lr) in {0.1, 0.001, 0.00001}², RMSprop; the (0.001, 0.001) cell is the base run, reused.",
  report: "lr_grid",
  runs: (p) =>
    LEARNING_RATES.flatMap((g) =>
      LEARNING_RATES.map((d) => ({
        label: `G lr ${g} / D lr ${d}`,
        config: { ...baseConfig(p), g_opt: rmsprop(g), d_opt: rmsprop(d) },
      }))
    ),
};

// Not awaited: the report stage imports every experiment, this file included, once it has loaded.
if (import.meta.main) runExperimentCli(experiment, Deno.args);
