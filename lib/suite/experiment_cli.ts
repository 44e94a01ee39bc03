/** The command line of one experiment file (`deno task expN`) and of `deno task all`. */
import { type Flags, type FlagSpec, parseFlags, runMain } from "../cli.ts";
import type { Experiment } from "../experiment.ts";
import { ensureWritableDir, OVERRIDE_FLAGS, TRAIN_FLAGS, trainSettings } from "./flags.ts";
import { progressView } from "./progress.ts";
import { postTrainStages, STAGE_FLAGS, writeSuite } from "./stages.ts";
import { initBackend } from "../backend/backend.ts";
import { loadMnist } from "../data/mnist.ts";
import { trainRuns } from "./train_runs.ts";
import type { Lang } from "../report/i18n.ts";

/** Flags of an experiment command. */
export const EXPERIMENT_FLAGS: readonly FlagSpec[] = [...TRAIN_FLAGS, ...OVERRIDE_FLAGS];

/**
 * Trains the experiments' runs, then renders, evaluates and reports on the
 * results directory. Returns the process exit code: 0, 1 when a run failed,
 * 130 when interrupted.
 */
export async function runExperiments(
  args: string[],
  usage: string,
  flagSpecs: readonly FlagSpec[],
  select: (flags: Flags) => readonly Experiment[],
): Promise<number> {
  const flags = parseFlags(args, [...flagSpecs, ...STAGE_FLAGS], usage);
  if (!flags) return 0;
  const experiments = select(flags);
  const settings = trainSettings(flags);
  const specs = experiments.flatMap((e) => e.runs(settings.profile)).map(settings.apply);
  // Everything that can be wrong with the input is found before the first write.
  const backend = await initBackend(settings.backend);
  const data = await loadMnist("train", settings.mnistDir);
  await ensureWritableDir(settings.out);
  await writeSuite(settings.out, flags);
  const view = progressView();
  const summary = await trainRuns(specs, settings, view, { backend, data });
  view.stop();
  if (summary.interrupted) {
    console.error("interrupted: progress is checkpointed; run the same command again to resume");
    return 130;
  }
  // Imported here: experiment files import this module, so a static import would be a cycle.
  const { EXPERIMENTS } = await import("../../experiments/index.ts");
  await postTrainStages({
    out: settings.out,
    settings,
    experiments: EXPERIMENTS,
    lang: flags.lang as Lang,
    log: (line) => console.log(line),
  }, flags["skip-eval"] === true);
  const failed = summary.runs.filter((r) => r.outcome === "failed");
  for (const f of failed) console.error(`run failed: ${f.label}: ${f.error}`);
  return failed.length > 0 ? 1 : 0;
}

/**
 * Entry point of an experiment file. Call it without `await` at the top level: the
 * report stage imports experiments/index.ts, which imports the calling file, and a
 * module whose top-level await is pending cannot be imported (it would never resolve).
 */
export function runExperimentCli(experiment: Experiment, args: string[]): Promise<never> {
  const usage =
    `deno task ${experiment.task} [options]\n\n${experiment.title.en}: ${experiment.summary}`;
  return runMain(() => runExperiments(args, usage, EXPERIMENT_FLAGS, () => [experiment]));
}
