/**
 * Charts as Vega-Lite specs (plain objects, kept as .vl.json beside each SVG
 * so a reader can reopen them in the Vega editor) and their headless SVG
 * rendering with vega's "none" renderer, which needs no canvas.
 */
import * as vega from "vega";
import * as vl from "vega-lite";
import type { LossRecord } from "../run/types.ts";
import {
  envelope,
  EXPLODING_LOSS,
  type LossKey,
  lossPoints,
  movingAverage,
  type Point,
  smoothingWindow,
  stride,
} from "./series.ts";

/** A Vega-Lite specification, as plain JSON-compatible data. */
export type VlSpec = Record<string, unknown>;

/** Points per drawn line: enough for the shape, small enough for a light SVG. */
const MAX_POINTS = 300;
/** Fewer points per line in small multiples: nine cells share one SVG. */
const MAX_POINTS_SMALL = 100;

const SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json";
const SERIES: Record<LossKey, string> = { d_loss: "D loss", g_loss: "G loss" };
const COLORS = { domain: Object.values(SERIES), range: ["#1f77b4", "#e6550d"] };
/** White background: the SVGs must stay readable on a dark-themed Markdown viewer. */
const CONFIG = { background: "white", view: { stroke: "#ccc" } };

/** A vertical rule on a loss chart, e.g. where a run diverged. */
export interface StepMark {
  step: number;
  label: string;
}

/** Options of a single run's loss chart. */
export interface LossChartOptions {
  title: string;
  marks?: StepMark[];
}

/**
 * The y scale for a set of losses: linear when they stay moderate; log when
 * they span decades and are all positive; symlog (linear near 0, log beyond)
 * when they explode or reach 0, which a log scale cannot show.
 */
export function lossScale(
  values: readonly number[],
): "linear" | "log" | "symlog" {
  if (values.length === 0) return "linear";
  let min = Infinity, max = -Infinity;
  for (const v of values) {
    min = Math.min(min, v);
    max = Math.max(max, Math.abs(v));
  }
  if (max > EXPLODING_LOSS) return "symlog";
  if (min > 0 && max / min >= 100) return "log";
  return "linear";
}

interface Row {
  step: number;
  loss: number;
  series: string;
  kind: "raw" | "smoothed";
}

/** Four significant digits: what a chart can show, and a third of the JSON. */
function round(v: number): number {
  return Number(v.toPrecision(4));
}

function lossRows(losses: readonly LossRecord[], maxPoints: number): Row[] {
  const rows: Row[] = [];
  for (const key of ["d_loss", "g_loss"] as const) {
    const pts = lossPoints(losses, key);
    const smooth = movingAverage(pts, smoothingWindow(pts.length));
    const add = (ps: Point[], kind: Row["kind"]) =>
      ps.forEach((p) =>
        rows.push({
          step: p.step,
          loss: round(p.value),
          series: SERIES[key],
          kind,
        })
      );
    add(envelope(pts, maxPoints), "raw");
    add(stride(smooth, maxPoints), "smoothed");
  }
  return rows;
}

/** Powers of ten up to `max`: vega's own symlog ticks are sparse and oddly placed. */
function symlogTicks(max: number): number[] {
  const ticks = [0];
  for (let t = 1; t <= max * 10; t *= 10) ticks.push(t);
  return ticks;
}

function lineLayers(values: readonly number[]) {
  const scale = lossScale(values);
  const axis = scale === "symlog"
    ? {
      values: symlogTicks(Math.max(...values)),
      // A single SI format would print 1, 10 and 100 as "0k".
      labelExpr: "datum.value >= 1000 ? format(datum.value, '~s') : format(datum.value, '~g')",
    }
    : {};
  const encoding = {
    x: { field: "step", type: "quantitative", title: "step" },
    y: {
      field: "loss",
      type: "quantitative",
      title: `loss (${scale} scale)`,
      scale: { type: scale },
      axis,
    },
    color: {
      field: "series",
      type: "nominal",
      title: null,
      scale: COLORS,
      // The raw layer comes first and would lend the legend its faint strokes.
      legend: { symbolOpacity: 1, symbolStrokeWidth: 2.5 },
    },
  };
  return [
    {
      transform: [{ filter: "datum.kind === 'raw'" }],
      mark: { type: "line", strokeWidth: 1, opacity: 0.3 },
      encoding,
    },
    {
      transform: [{ filter: "datum.kind === 'smoothed'" }],
      mark: { type: "line", strokeWidth: 2.5 },
      encoding,
    },
  ];
}

/**
 * D and G loss against step: raw values as thin translucent lines, a
 * centred moving average as thick lines, and a labelled rule at each mark.
 */
export function lossChartSpec(
  losses: readonly LossRecord[],
  opts: LossChartOptions,
): VlSpec {
  const rows = lossRows(losses, MAX_POINTS);
  const layers: unknown[] = [{
    data: { values: rows },
    layer: lineLayers(rows.map((r) => r.loss)),
  }];
  if (opts.marks && opts.marks.length > 0) {
    layers.push({
      data: { values: opts.marks },
      layer: [
        {
          mark: { type: "rule", color: "#c00", strokeDash: [4, 3] },
          encoding: { x: { field: "step", type: "quantitative" } },
        },
        {
          mark: {
            type: "text",
            color: "#c00",
            align: "left",
            baseline: "top",
            dx: 3,
            y: 2,
          },
          encoding: {
            x: { field: "step", type: "quantitative" },
            text: { field: "label" },
          },
        },
      ],
    });
  }
  return {
    $schema: SCHEMA,
    title: opts.title,
    width: 520,
    height: 240,
    config: CONFIG,
    layer: layers,
  };
}

/** One cell of the learning-rate grid. */
export interface GridCell {
  g_lr: number;
  d_lr: number;
  losses: readonly LossRecord[];
}

/**
 * Small multiples of the loss curves: one row per G learning rate, one
 * column per D learning rate, in the order of `rates`, one shared y scale so
 * cells compare.
 */
export function lrGridChartSpec(
  cells: readonly GridCell[],
  rates: readonly number[],
): VlSpec {
  const rows = cells.flatMap((c) =>
    lossRows(c.losses, MAX_POINTS_SMALL).map((r) => ({
      ...r,
      g_lr: String(c.g_lr),
      d_lr: String(c.d_lr),
    }))
  );
  const order = rates.map(String);
  return {
    $schema: SCHEMA,
    title: "Loss curves by learning rate (rows: G lr, columns: D lr)",
    config: CONFIG,
    data: { values: rows },
    facet: {
      row: { field: "g_lr", type: "nominal", title: "G lr", sort: order },
      column: { field: "d_lr", type: "nominal", title: "D lr", sort: order },
    },
    spec: {
      width: 200,
      height: 120,
      layer: lineLayers(rows.map((r) => r.loss)),
    },
  };
}

/** Generated samples per digit class, as an MNIST classifier labels them, with the uniform share as a rule. */
export function classHistogramSpec(
  histogram: readonly number[],
  title: string,
): VlSpec {
  const total = histogram.reduce((s, v) => s + v, 0);
  return {
    $schema: SCHEMA,
    title,
    width: 320,
    height: 180,
    config: CONFIG,
    layer: [
      {
        data: {
          values: histogram.map((count, digit) => ({
            digit: String(digit),
            count,
          })),
        },
        mark: { type: "bar", color: "#4c78a8" },
        encoding: {
          x: {
            field: "digit",
            type: "ordinal",
            title: "predicted digit",
            axis: { labelAngle: 0 },
          },
          y: { field: "count", type: "quantitative", title: "samples" },
        },
      },
      {
        data: { values: [{ uniform: total / histogram.length }] },
        mark: { type: "rule", color: "#888", strokeDash: [4, 3] },
        encoding: { y: { field: "uniform", type: "quantitative" } },
      },
    ],
  };
}

/** Compiles a Vega-Lite spec and renders it to an SVG string, headless. */
export async function renderSvg(spec: VlSpec): Promise<string> {
  const compiled = vl.compile(spec as unknown as vl.TopLevelSpec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
