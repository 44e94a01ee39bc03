/**
 * The render stage for one run directory: PNG grids and strips of the
 * generator's output and SVG loss charts, written into `<run>/figures/`.
 * Draws whatever the run's files allow (a diverged run without weights still
 * gets its samples and its loss chart) and says what it left out.
 */
import { DataError } from "../errors.ts";
import { exists, writeFileAtomic, writeJsonAtomic } from "../fs_atomic.ts";
import { loadGenerator } from "../models/generator.ts";
import { type LoadedRun, loadRun, readJsonFile, snapshotSteps } from "../run/run_dir.ts";
import { LATENT_DIM } from "../run/types.ts";
import {
  classHistogramSpec,
  type GridCell,
  lossChartSpec,
  lrGridChartSpec,
  renderSvg,
  type StepMark,
  type VlSpec,
} from "./charts.ts";
import {
  INTERP_STEPS,
  type InterpolationKind,
  interpolationPath,
  latentPairs,
} from "./interpolate.ts";
import { gridPng, stripPng } from "./png.ts";
import {
  lastFiniteSnapshot,
  mtime,
  readMetrics,
  readSnapshotSafe,
  spreadSteps,
} from "./run_inputs.ts";
import { firstExplodingStep } from "./series.ts";

/** File names inside a run's figures/ folder (and `<out>/figures/` for the grid), shared with the report. */
export const FIGURES = {
  samples: "samples.png",
  samplesSmall: "samples_small.png",
  progression: "progression.png",
  interp: { linear: "interp_linear.png", slerp: "interp_slerp.png" } as Record<
    InterpolationKind,
    string
  >,
  losses: "losses",
  classHistogram: "class_histogram",
  lrGrid: "lr_grid",
} as const;

/** Fixed-noise images followed across snapshot steps in the progression strip. */
const PROGRESSION_ROWS = 6;
/** Snapshot steps (columns) in the progression strip. */
const PROGRESSION_COLUMNS = 10;
/** Images in the small grid used by the learning-rate table. */
const SMALL_GRID = 16;
/** Upscale of the full-size figures: 28 px digits are too small on a screen. */
const SCALE = 2;
/** Written last; its presence and mtime say the figures are complete and current. */
const MANIFEST = "render.json";

/** How to render a run. */
export interface RenderOptions {
  /** Latent pairs per interpolation strip (a profile's interp_pairs). */
  interpPairs: number;
  /** Re-render even when the figures are newer than the run's files. */
  force?: boolean;
}

/** What renderRun did. Paths are relative to the run directory. */
export interface RenderResult {
  dir: string;
  /** True when the figures were already current and nothing was written. */
  skipped: boolean;
  written: string[];
  /** What could not be drawn and why, one line each. */
  notes: string[];
}

interface Manifest {
  interp_pairs: number;
  written: string[];
  notes: string[];
}

/** The files whose change makes a run's figures stale. */
function inputFiles(dir: string): string[] {
  return [
    "config.json",
    "status.json",
    "losses.jsonl",
    "metrics.json",
    "samples",
    "generator/weights.bin",
  ]
    .map((f) => `${dir}/${f}`);
}

async function upToDate(
  dir: string,
  opts: RenderOptions,
): Promise<Manifest | null> {
  const path = `${dir}/figures/${MANIFEST}`;
  const made = await mtime(path);
  if (made === null) return null;
  const manifest = await readJsonFile<Manifest>(path).catch(() => null);
  if (
    !manifest || manifest.interp_pairs !== opts.interpPairs ||
    !Array.isArray(manifest.written)
  ) return null;
  for (const input of inputFiles(dir)) {
    const t = await mtime(input);
    if (t !== null && t >= made) return null;
  }
  for (const f of manifest.written) {
    if (!(await exists(`${dir}/${f}`))) return null;
  }
  return manifest;
}

/** Writes `<base>.vl.json` (compact: it is mostly data rows) and `<base>.svg`; returns both paths. */
async function writeChart(base: string, spec: VlSpec): Promise<string[]> {
  await writeFileAtomic(`${base}.vl.json`, JSON.stringify(spec) + "\n");
  await writeFileAtomic(`${base}.svg`, await renderSvg(spec));
  return [`${base}.vl.json`, `${base}.svg`];
}

function divergenceMarks(run: LoadedRun): StepMark[] {
  const s = run.status;
  if (s?.state === "diverged" && s.diverged_at !== undefined) {
    return [{ step: s.diverged_at, label: "diverged" }];
  }
  const k = firstExplodingStep(run.losses);
  return k === null ? [] : [{ step: k, label: "losses explode" }];
}

async function progression(dir: string): Promise<Uint8Array | null> {
  const steps = spreadSteps(await snapshotSteps(dir), PROGRESSION_COLUMNS);
  const rows = Array.from(
    { length: PROGRESSION_ROWS },
    () => new Float32Array(steps.length * 784),
  );
  let drawn = 0;
  for (const step of steps) {
    const images = await readSnapshotSafe(dir, step);
    if (!images) continue;
    rows.forEach((row, r) => row.set(images.subarray(r * 784, (r + 1) * 784), drawn * 784));
    drawn++;
  }
  if (drawn === 0) return null;
  return stripPng(rows.map((row) => row.subarray(0, drawn * 784)), {
    scale: SCALE,
  });
}

async function interpolations(
  dir: string,
  pairs: number,
): Promise<Record<InterpolationKind, Uint8Array>> {
  const generator = await loadGenerator(dir);
  try {
    const strips = {} as Record<InterpolationKind, Uint8Array>;
    for (const kind of ["linear", "slerp"] as const) {
      const z = new Float32Array(pairs * INTERP_STEPS * LATENT_DIM);
      latentPairs(pairs).forEach(([a, b], i) =>
        z.set(
          interpolationPath(a, b, INTERP_STEPS, kind),
          i * INTERP_STEPS * LATENT_DIM,
        )
      );
      const images = generator.generate(z, pairs * INTERP_STEPS);
      const rows = Array.from(
        { length: pairs },
        (_, i) => images.subarray(i * INTERP_STEPS * 784, (i + 1) * INTERP_STEPS * 784),
      );
      strips[kind] = stripPng(rows, { scale: SCALE });
    }
    return strips;
  } finally {
    generator.dispose();
  }
}

/**
 * Renders the figures of the run in `dir` into `dir/figures/`: samples.png
 * and samples_small.png (last finite fixed-noise snapshot), progression.png,
 * interp_linear.png and interp_slerp.png (needs generator/ weights and an
 * initialised tfjs backend), losses.{vl.json,svg}, and
 * class_histogram.{vl.json,svg} when metrics.json exists. Skips the work
 * when the figures are newer than the run's files, unless `force`.
 * Throws DataError only when config.json or losses.jsonl is broken.
 */
export async function renderRun(
  dir: string,
  opts: RenderOptions,
): Promise<RenderResult> {
  if (!Number.isInteger(opts.interpPairs) || opts.interpPairs < 1) {
    throw new RangeError(
      `interpPairs must be an integer ≥ 1, got ${opts.interpPairs}`,
    );
  }
  if (!opts.force) {
    const manifest = await upToDate(dir, opts);
    if (manifest) {
      return {
        dir,
        skipped: true,
        written: manifest.written,
        notes: manifest.notes,
      };
    }
  }
  const run = await loadRun(dir);
  const fig = `${dir}/figures`;
  await Deno.mkdir(fig, { recursive: true });
  const written: string[] = [];
  const notes: string[] = [];
  const put = async (name: string, bytes: Uint8Array) => {
    await writeFileAtomic(`${fig}/${name}`, bytes);
    written.push(`figures/${name}`);
  };

  const last = await lastFiniteSnapshot(dir);
  if (last) {
    await put(FIGURES.samples, gridPng(last.images, 64, 8, { scale: SCALE }));
    await put(FIGURES.samplesSmall, gridPng(last.images, SMALL_GRID, 4));
  } else {
    notes.push("no finite fixed-noise snapshot: no sample grid");
  }
  const strip = await progression(dir);
  if (strip) await put(FIGURES.progression, strip);
  else notes.push("no snapshots: no progression strip");

  if (await exists(`${dir}/generator/weights.json`)) {
    try {
      const strips = await interpolations(dir, opts.interpPairs);
      for (const kind of ["linear", "slerp"] as const) {
        await put(FIGURES.interp[kind], strips[kind]);
      }
    } catch (err) {
      if (!(err instanceof DataError)) throw err;
      notes.push(`generator weights unusable: ${err.message}`);
    }
  } else {
    notes.push("no generator weights: no interpolation strips");
  }

  if (run.losses.length > 0) {
    const spec = lossChartSpec(run.losses, {
      title: run.record.label,
      marks: divergenceMarks(run),
    });
    written.push(
      ...(await writeChart(`${fig}/${FIGURES.losses}`, spec)).map((p) => p.slice(dir.length + 1)),
    );
  } else {
    notes.push("no losses recorded: no loss chart");
  }

  try {
    const metrics = await readMetrics(`${dir}/metrics.json`);
    if (metrics?.class_histogram) {
      const spec = classHistogramSpec(
        metrics.class_histogram,
        `${run.record.label}: classes of ${metrics.n ?? "the"} samples`,
      );
      written.push(
        ...(await writeChart(`${fig}/${FIGURES.classHistogram}`, spec)).map((
          p,
        ) => p.slice(dir.length + 1)),
      );
    }
  } catch (err) {
    if (!(err instanceof DataError)) throw err;
    notes.push(err.message);
  }

  await removeStale(dir, written);
  await writeJsonAtomic(
    `${fig}/${MANIFEST}`,
    { interp_pairs: opts.interpPairs, written, notes } satisfies Manifest,
  );
  return { dir, skipped: false, written, notes };
}

/** Deletes figures an earlier render wrote that this one did not (e.g. metrics.json was removed). */
async function removeStale(dir: string, written: string[]): Promise<void> {
  const old = await readJsonFile<Manifest>(`${dir}/figures/${MANIFEST}`).catch(
    () => null,
  );
  for (const f of old?.written ?? []) {
    if (!written.includes(f)) await Deno.remove(`${dir}/${f}`).catch(() => {});
  }
}

/**
 * Writes the learning-rate grid's small multiples to `<out>/figures/lr_grid.{vl.json,svg}`:
 * one cell per run, rows by G lr and columns by D lr, largest first.
 * Returns the written paths.
 */
export async function renderLrGrid(
  out: string,
  runs: readonly LoadedRun[],
): Promise<string[]> {
  const cells: GridCell[] = runs.map((r) => ({
    g_lr: r.record.config.g_opt.lr,
    d_lr: r.record.config.d_opt.lr,
    losses: r.losses,
  }));
  const rates = [...new Set(cells.flatMap((c) => [c.g_lr, c.d_lr]))].sort((
    a,
    b,
  ) => b - a);
  await Deno.mkdir(`${out}/figures`, { recursive: true });
  return writeChart(
    `${out}/figures/${FIGURES.lrGrid}`,
    lrGridChartSpec(cells, rates),
  );
}
