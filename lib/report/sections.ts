/**
 * The Markdown of the report's sections: one run, a comparison of runs, the
 * learning-rate grid and the interpolation comparison. Every figure is
 * linked only when its file exists; otherwise a plain note says what is missing.
 */
import { architecture, describe, paramCount } from "../models/architectures.ts";
import { INTERP_SEED, type InterpolationKind } from "../render/interpolate.ts";
import { FIGURES } from "../render/render_run.ts";
import type { MetricsFields } from "../render/run_inputs.ts";
import type { RunFacts } from "./collect.ts";
import { escape, image, num, optimizer, pct, table } from "./format.ts";
import type { Lang, Text } from "./i18n.ts";
import { observations } from "./observations.ts";
import type { SampleStats } from "./sample_stats.ts";

/** What the section builders share while the report is assembled, top to bottom. */
export interface ReportContext {
  t: Text;
  lang: Lang;
  /** Statistics of real test digits; null when MNIST could not be read. */
  ref: SampleStats | null;
  /** The real-vs-real metrics (baseline.json), if any. */
  baseline: MetricsFields | null;
  interpPairs: number;
  /** Run id → heading of the section that showed the run in full; later sections refer to it. */
  shown: Map<string, string>;
  /** "generator/discriminator" → heading of the section that printed those architectures. */
  archShown: Map<string, string>;
}

/** A run's state in words ("diverged at step 412"). */
export function stateText(f: RunFacts, t: Text): string {
  const at = f.state === "diverged" ? f.run?.status?.diverged_at : f.step;
  return t.state(f.state, at, f.spec.config.steps);
}

function figure(f: RunFacts, name: string, alt: string, what: string, t: Text): string {
  return image(alt, `${f.rel}/figures/${name}`, f.figures.has(name), t.notRendered(what));
}

function architectures(f: RunFacts, section: string, ctx: ReportContext, refer: boolean): string {
  const { t } = ctx;
  const { generator, discriminator } = f.spec.config;
  const key = `${generator}/${discriminator}`;
  const seen = ctx.archShown.get(key);
  if (refer && seen !== undefined) return t.sameArchitectures(seen);
  if (seen === undefined) ctx.archShown.set(key, section);
  const g = architecture(generator);
  const d = architecture(discriminator);
  const count = (n: number) => n.toLocaleString(ctx.lang === "pt" ? "pt-BR" : "en-US");
  return [
    `**${t.architectures}**`,
    ["```python", describe(g), describe(d), "```"].join("\n"),
    t.params(count(paramCount(g)), count(paramCount(d))),
  ].join("\n\n");
}

function hyperParameters(f: RunFacts, t: Text): string {
  const c = f.spec.config;
  const h = t.hyperLines;
  return [
    `**${t.hyper}**`,
    [
      `- ${h.gOpt}: ${optimizer(c.g_opt)}`,
      `- ${h.dOpt}: ${optimizer(c.d_opt)}`,
      `- ${h.loss}: ${t.lossForm[c.loss]}`,
      `- ${h.steps}: ${c.steps} × ${c.batch_size} (${stateText(f, t)})`,
      `- ${h.seed}: ${c.seed}`,
      `- ${h.id}: [\`${f.rel}\`](${f.rel}/config.json)`,
    ].join("\n"),
  ].join("\n\n");
}

function randomImages(f: RunFacts, t: Text): string {
  if (!f.samples) return `**${t.randomImages}**\n\n${t.noSnapshot}`;
  return [
    `**${t.randomImages}**: ${t.randomImagesCaption(f.samples.step)}`,
    figure(f, FIGURES.samples, `${f.label}: ${t.randomImages}`, t.randomImages, t),
  ].join("\n\n");
}

function interpolation(f: RunFacts, ctx: ReportContext): string {
  const { t } = ctx;
  if (!f.has_generator) return `**${t.interpolation}**\n\n${t.noGenerator}`;
  return [
    `**${t.interpolation}**: ${t.interpolationCaption(ctx.interpPairs)}`,
    ...(["linear", "slerp"] as const).map((k) =>
      figure(f, FIGURES.interp[k], `${f.label}: ${t[k]}`, `${t.interpolation} (${t[k]})`, t)
    ),
  ].join("\n\n");
}

function lossFigure(f: RunFacts, t: Text): string {
  return [
    `**${t.lossEvolution}**: ${t.lossCaption}`,
    figure(f, `${FIGURES.losses}.svg`, `${f.label}: ${t.lossEvolution}`, t.lossEvolution, t),
  ].join("\n\n");
}

function observationList(f: RunFacts, ctx: ReportContext): string {
  const items = observations(f, ctx.ref, ctx.baseline, ctx.t);
  if (items.length === 0) return "";
  return `**${ctx.t.observations}**\n\n${items.map((o) => `- ${o}`).join("\n")}`;
}

/**
 * A run's subsection in `section`: the first time a run appears, in full
 * (architectures, hyper-parameters, random images, interpolation,
 * progression, losses, class histogram, observations); afterwards a pointer
 * to that section with the images and observations that compare. With
 * `referArchitectures`, architectures already printed are only referred to.
 */
export function runSection(
  f: RunFacts,
  section: string,
  ctx: ReportContext,
  referArchitectures = false,
): string {
  const { t } = ctx;
  const parts = [`### ${escape(f.label)}`];
  if (f.state === "missing") return [...parts, t.notTrained].join("\n\n");
  if (f.state === "unreadable") return [...parts, t.unreadableRun(f.problem ?? "")].join("\n\n");
  const first = ctx.shown.get(f.id);
  if (first !== undefined) {
    parts.push(t.repeated(first), randomImages(f, t), lossFigure(f, t));
  } else {
    ctx.shown.set(f.id, section);
    parts.push(
      architectures(f, section, ctx, referArchitectures),
      hyperParameters(f, t),
      randomImages(f, t),
      interpolation(f, ctx),
      `**${t.progression}**: ${t.progressionCaption}`,
      figure(f, FIGURES.progression, `${f.label}: ${t.progression}`, t.progression, t),
      lossFigure(f, t),
    );
    if (f.metrics?.class_histogram) {
      parts.push(
        `**${t.classHistogram}**: ${t.classHistogramCaption}`,
        figure(
          f,
          `${FIGURES.classHistogram}.svg`,
          `${f.label}: ${t.classHistogram}`,
          t.classHistogram,
          t,
        ),
      );
    }
  }
  parts.push(observationList(f, ctx));
  return parts.filter((p) => p !== "").join("\n\n");
}

/** Side-by-side numbers for the runs of one section (state, losses, sample spread, FID). */
export function comparisonTable(runs: readonly RunFacts[], ctx: ReportContext): string {
  const { t } = ctx;
  const withMetrics = runs.some((f) => f.metrics?.fid !== undefined);
  const header = [
    t.col.run,
    t.col.loss,
    t.col.optimizers,
    t.col.state,
    t.col.finalD,
    t.col.finalG,
    t.col.maxLoss,
    t.col.spread,
    ...(withMetrics ? [t.col.fid, t.col.covered] : []),
  ];
  const rows = runs.map((f) => {
    const c = f.spec.config;
    const spread = f.samples && ctx.ref
      ? `${num(f.samples.stats.spread)} (${pct(f.samples.stats.spread / ctx.ref.spread)})`
      : "—";
    return [
      escape(f.label),
      t.lossForm[c.loss],
      `${optimizer(c.g_opt)} / ${optimizer(c.d_opt)}`,
      stateText(f, t),
      num(f.loss?.final.d),
      num(f.loss?.final.g),
      num(f.loss?.max_abs),
      spread,
      ...(withMetrics ? [num(f.metrics?.fid), String(f.metrics?.classes_covered ?? "—")] : []),
    ];
  });
  return table(header, rows);
}

/** The grid's learning rates, largest first. */
export function gridRates(cells: readonly RunFacts[]): number[] {
  const rates = cells.flatMap((f) => [f.spec.config.g_opt.lr, f.spec.config.d_opt.lr]);
  return [...new Set(rates)].sort((a, b) => b - a);
}

/**
 * The grid as a table (rows: G lr, columns: D lr) of small sample grids
 * with state and final losses, followed by the small-multiples loss chart
 * at `<out>/figures/lr_grid.svg` when `chartExists`.
 */
export function lrGridTable(
  cells: readonly RunFacts[],
  ctx: ReportContext,
  chartExists: boolean,
): string {
  const { t } = ctx;
  const rates = gridRates(cells);
  const cell = (g: number, d: number): string => {
    const f = cells.find((c) => c.spec.config.g_opt.lr === g && c.spec.config.d_opt.lr === d);
    if (!f) return "—";
    const img = f.figures.has(FIGURES.samplesSmall)
      ? `![G ${g}, D ${d}](${f.rel}/figures/${FIGURES.samplesSmall})<br>`
      : "";
    const losses = f.loss ? `<br>D ${num(f.loss.final.d)} · G ${num(f.loss.final.g)}` : "";
    return `${img}${stateText(f, t)}${losses}`;
  };
  const grid = table(
    ["G lr \\\\ D lr", ...rates.map(String)],
    rates.map((g) => [`**${g}**`, ...rates.map((d) => cell(g, d))]),
  );
  const chart = image(
    t.lrChart,
    `figures/${FIGURES.lrGrid}.svg`,
    chartExists,
    t.notRendered(t.lrChart),
  );
  return [t.lrGridIntro, grid, `**${t.lrChart}**`, chart].join("\n\n");
}

function strip(f: RunFacts, kind: InterpolationKind, t: Text): string {
  if (f.state === "missing") return t.notTrained;
  if (f.state === "unreadable") return t.unreadableRun(f.problem ?? "");
  if (!f.has_generator) return t.noGenerator;
  return figure(f, FIGURES.interp[kind], `${f.label}: ${t[kind]}`, t[kind], t);
}

/**
 * The interpolation comparison: the base generator's strips first, then a
 * table with every other generator's strips for the same latent pairs.
 */
export function interpolationSection(
  base: RunFacts | null,
  others: readonly RunFacts[],
  ctx: ReportContext,
): string {
  const { t } = ctx;
  const parts = [t.interpolationIntro(INTERP_SEED)];
  if (base) {
    parts.push(
      `### ${t.interpolationBase}`,
      `${escape(base.label)}: ${t.interpolationCaption(ctx.interpPairs)}`,
      `**${t.linear}**`,
      strip(base, "linear", t),
      `**${t.slerp}**`,
      strip(base, "slerp", t),
    );
  }
  if (others.length > 0) {
    parts.push(
      `### ${t.interpolationOthers}`,
      table(
        [t.col.run, t.linear, t.slerp],
        others.map((f) => [escape(f.label), strip(f, "linear", t), strip(f, "slerp", t)]),
      ),
    );
  }
  return parts.join("\n\n");
}
