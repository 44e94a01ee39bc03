/** Item 5: interpolation between latent vectors, for the base generator and every other one. */
import type { Experiment } from "../lib/experiment.ts";
import { runExperimentCli } from "../lib/suite/experiment_cli.ts";

export const experiment: Experiment = {
  key: "05_interpolation",
  task: "exp5",
  title: { en: "Latent-space interpolation", pt: "Interpolação do espaço latente" },
  summary:
    "Linear and spherical (slerp) interpolation, 10 steps a pair, between pairs of latent vectors of the trained base generator, " +
    "and the same strips for every other experiment's generator, side by side.",
  report: "interpolation",
  runs: () => [],
};

// Not awaited: the report stage imports every experiment, this file included, once it has loaded.
if (import.meta.main) runExperimentCli(experiment, Deno.args);
