/**
 * The stages after training, each reading only run directories: evaluate
 * (metrics.json per run, <out>/baseline.json), render (figures/ per run and
 * <out>/figures/), report (<out>/README.md). `deno task all` and
 * `deno task expN` run them after training; each also runs alone
 * (`deno task eval|render|report`), finding the runs through <out>/suite.json.
 */
import type { Flags, FlagSpec } from "../cli.ts";
import { loadMnist } from "../data/mnist.ts";
import { DataError } from "../errors.ts";
import type { Experiment } from "../experiment.ts";
import { exists, writeJsonAtomic } from "../fs_atomic.ts";
import { CLASSIFIER_PROFILES, CLASSIFIER_VERSION, getClassifier } from "../metrics/classifier.ts";
import {
  evaluateRun,
  realBaseline,
  realStats,
  type RunMetrics,
  splitRealSets,
} from "../metrics/evaluate.ts";
import { loadGenerator } from "../models/generator.ts";
import { renderLrGrid, renderRun } from "../render/render_run.ts";
import { writeReport } from "../report/report.ts";
import { checkLinks } from "../report/links.ts";
import type { Lang } from "../report/i18n.ts";
import { type LoadedRun, loadRun, readJsonFile, readStatus, runDir } from "../run/run_dir.ts";
import { runId } from "../run/run_id.ts";
import type { RunSpec } from "../run/types.ts";
import type { TrainSettings } from "./flags.ts";
import { uniqueRuns } from "./train_runs.ts";

/** Flags of the post-training stages. */
export const STAGE_FLAGS: readonly FlagSpec[] = [
  { name: "lang", type: "string", help: "report language", default: "en", choices: ["en", "pt"] },
  { name: "skip-eval", type: "boolean", help: "skip the evaluation stage (no metrics)" },
];

/** The flags that decide which runs a suite consists of, kept in <out>/suite.json. */
export const SUITE_KEYS = [
  "profile",
  "steps",
  "batch-size",
  "seed",
  "loss",
  "optimizer",
  "g-lr",
  "d-lr",
] as const;

/** Records which runs the last training command asked for, so later stages find the same ones. */
export async function writeSuite(out: string, flags: Flags): Promise<void> {
  const kept = Object.fromEntries(
    SUITE_KEYS.filter((k) => flags[k] !== undefined).map((k) => [k, flags[k]]),
  );
  await writeJsonAtomic(`${out}/suite.json`, kept);
}

/** The suite flags recorded in <out>/suite.json, or {} when there is none. */
export async function readSuite(out: string): Promise<Flags> {
  const raw = await readJsonFile<Flags>(`${out}/suite.json`);
  if (raw === null) return {};
  if (typeof raw !== "object" || Array.isArray(raw)) {
    throw new DataError(`${out}/suite.json: not a JSON object`);
  }
  return Object.fromEntries(SUITE_KEYS.filter((k) => raw[k] !== undefined).map((k) => [k, raw[k]]));
}

/** Where the evaluation classifier is cached: once per checkout (GAN_LAB_CACHE overrides). */
export function cacheDir(): string {
  return Deno.env.get("GAN_LAB_CACHE") ??
    new URL("../../.cache", import.meta.url).pathname.replace(/\/$/, "");
}

/** What every post-training stage needs to know. */
export interface StageContext {
  out: string;
  settings: TrainSettings;
  experiments: readonly Experiment[];
  lang: Lang;
  log: (line: string) => void;
}

/** The distinct runs the experiments declare, with the command line's overrides applied. */
export function declaredRuns(ctx: StageContext): RunSpec[] {
  const p = ctx.settings.profile;
  return uniqueRuns(ctx.experiments.flatMap((e) => e.runs(p)).map(ctx.settings.apply));
}

function problem(err: unknown): string {
  if (err instanceof DataError) return err.message;
  throw err;
}

/**
 * Evaluates every finished run (done or diverged, with generator weights):
 * metrics.json per run, reused while the run is unchanged, and the
 * real-vs-real baseline in <out>/baseline.json. Needs an initialised backend.
 * Returns one line per run that could not be evaluated.
 */
export async function evalStage(ctx: StageContext): Promise<string[]> {
  const { out, settings, log } = ctx;
  const p = settings.profile;
  const classifier = await getClassifier(
    `${cacheDir()}/classifier`,
    CLASSIFIER_PROFILES[p.name],
    log,
    settings.mnistDir,
  );
  const test = await loadMnist("test", settings.mnistDir);
  const n = Math.min(p.eval_samples, Math.floor(test.n / 2));
  const baselinePath = `${out}/baseline.json`;
  const old = await readJsonFile<RunMetrics>(baselinePath).catch(() => null);
  if (old?.n !== n || old?.classifier?.test_accuracy !== classifier.testAccuracy) {
    const baseline = realBaseline(classifier, test, n);
    await writeJsonAtomic(baselinePath, {
      ...baseline,
      classifier: {
        test_accuracy: classifier.testAccuracy,
        options: classifier.options,
        version: CLASSIFIER_VERSION,
      },
    });
    log(`eval: real vs real baseline FID ${baseline.fid.toFixed(3)} (n=${n})`);
  }
  const reference = realStats(classifier, splitRealSets(test, n).reference, n);
  const problems: string[] = [];
  let current = 0;
  for (const spec of declaredRuns(ctx)) {
    const dir = runDir(out, runId(spec.config));
    try {
      const status = await readStatus(dir);
      if (!status || (status.state !== "done" && status.state !== "diverged")) continue;
      if (!await exists(`${dir}/generator`)) continue;
      const gen = await loadGenerator(dir);
      try {
        const started = new Date().toISOString();
        const m = await evaluateRun(dir, classifier, gen.generate, n, reference);
        if (m.evaluated < started) current++;
        else log(`eval: ${spec.label}: FID ${m.fid.toFixed(3)}, ${m.classes_covered} classes`);
      } finally {
        gen.dispose();
      }
    } catch (err) {
      const line = `${spec.label}: ${problem(err)}`;
      log(`eval: ${line}`);
      problems.push(line);
    }
  }
  if (current > 0) log(`eval: ${current} run(s) unchanged since their metrics.json`);
  return problems;
}

/**
 * Renders the figures of every declared run that has a directory, and the
 * learning-rate grid's small multiples. Needs an initialised backend (the
 * interpolation strips run the generators). Returns what could not be drawn.
 */
export async function renderStage(ctx: StageContext, force = false): Promise<string[]> {
  const { out, settings, log } = ctx;
  const problems: string[] = [];
  for (const spec of declaredRuns(ctx)) {
    const dir = runDir(out, runId(spec.config));
    if (!await exists(`${dir}/config.json`)) continue;
    try {
      const r = await renderRun(dir, { interpPairs: settings.profile.interp_pairs, force });
      if (!r.skipped) log(`render: ${spec.label}: ${r.written.length} files`);
      for (const note of r.notes) log(`render: ${spec.label}: ${note}`);
    } catch (err) {
      const line = `${spec.label}: ${problem(err)}`;
      log(`render: ${line}`);
      problems.push(line);
    }
  }
  for (const exp of ctx.experiments.filter((e) => e.report === "lr_grid")) {
    const loaded: LoadedRun[] = [];
    for (const spec of exp.runs(settings.profile).map(settings.apply)) {
      const dir = runDir(out, runId(spec.config));
      if (!await exists(`${dir}/config.json`)) continue;
      try {
        loaded.push(await loadRun(dir));
      } catch (err) {
        problem(err);
      }
    }
    if (loaded.length > 0) await renderLrGrid(out, loaded);
  }
  return problems;
}

/** Writes <out>/README.md and checks that every link in it resolves. */
export async function reportStage(ctx: StageContext): Promise<string[]> {
  const { out, settings, log } = ctx;
  const report = await writeReport(out, {
    lang: ctx.lang,
    profile: settings.profile,
    experiments: ctx.experiments,
    apply: settings.apply,
    mnistDir: settings.mnistDir,
  });
  const broken = await checkLinks(out, report.markdown);
  for (const b of broken) log(`report: broken link: ${b}`);
  log(
    `report: ${out}/README.md` +
      (report.problems.length ? ` (${report.problems.length} problem(s) listed)` : ""),
  );
  return [...report.problems, ...broken.map((b) => `broken link: ${b}`)];
}

/** Runs evaluate (unless skipped), render and report after training. */
export async function postTrainStages(ctx: StageContext, skipEval: boolean): Promise<void> {
  if (!skipEval) await timed(ctx, "eval", () => evalStage(ctx));
  await timed(ctx, "render", () => renderStage(ctx));
  await timed(ctx, "report", () => reportStage(ctx));
}

async function timed(
  ctx: StageContext,
  name: string,
  stage: () => Promise<unknown>,
): Promise<void> {
  const t0 = performance.now();
  await stage();
  ctx.log(`${name}: ${((performance.now() - t0) / 1000).toFixed(1)}s`);
}
