/**
 * Everything the report says about a run, read once from its directory:
 * state, loss summary, statistics of its last fixed-noise snapshot, metrics
 * and which figures exist. Broken files become a `problem`, never an exception.
 */
import { DataError } from "../errors.ts";
import { exists } from "../fs_atomic.ts";
import { lastFiniteSnapshot, type MetricsFields, readMetrics } from "../render/run_inputs.ts";
import { type LoadedRun, loadRun, runDir } from "../run/run_dir.ts";
import { runId } from "../run/run_id.ts";
import { FIXED_NOISE_COUNT, type RunSpec } from "../run/types.ts";
import type { ShownState } from "./i18n.ts";
import { type LossSummary, lossSummary } from "./loss_stats.ts";
import { type SampleStats, sampleStats } from "./sample_stats.ts";

/** What the report knows about one declared run. */
export interface RunFacts {
  id: string;
  /** The label of the first experiment that declares the run. */
  label: string;
  spec: RunSpec;
  /** The run directory relative to the results folder: `runs/<id>`. */
  rel: string;
  run: LoadedRun | null;
  state: ShownState;
  /** Steps completed (0 when unknown). */
  step: number;
  /** One line naming the broken file, when one could not be read. */
  problem: string | null;
  loss: LossSummary | null;
  /** Statistics of the last finite fixed-noise snapshot. */
  samples: { step: number; stats: SampleStats } | null;
  metrics: MetricsFields | null;
  /** Names of the files in the run's figures/ folder. */
  figures: Set<string>;
  /** True when the final generator weights exist (interpolation is possible). */
  has_generator: boolean;
}

/** A DataError's message with the results folder prefix removed, so the report names `runs/<id>/…`. */
function relative(out: string, message: string): string {
  return message.replaceAll(`${out}/`, "");
}

async function figureNames(dir: string): Promise<Set<string>> {
  const names = new Set<string>();
  try {
    for await (const e of Deno.readDir(`${dir}/figures`)) if (e.isFile) names.add(e.name);
  } catch (err) {
    if (!(err instanceof Deno.errors.NotFound)) throw err;
  }
  return names;
}

/** Reads what the report needs about the run `spec` declares, under the results folder `out`. */
export async function collectRun(out: string, spec: RunSpec): Promise<RunFacts> {
  const id = runId(spec.config);
  const dir = runDir(out, id);
  const facts: RunFacts = {
    id,
    label: spec.label,
    spec,
    rel: `runs/${id}`,
    run: null,
    state: "missing",
    step: 0,
    problem: null,
    loss: null,
    samples: null,
    metrics: null,
    figures: new Set(),
    has_generator: false,
  };
  if (!(await exists(`${dir}/config.json`))) return facts;
  try {
    facts.run = await loadRun(dir);
  } catch (err) {
    if (!(err instanceof DataError)) throw err;
    return { ...facts, state: "unreadable", problem: relative(out, err.message) };
  }
  const status = facts.run.status;
  facts.state = status?.state ?? "running";
  facts.step = status?.step ?? facts.run.losses.length;
  facts.loss = lossSummary(facts.run.losses);
  const snapshot = await lastFiniteSnapshot(dir);
  if (snapshot) {
    facts.samples = {
      step: snapshot.step,
      stats: sampleStats(snapshot.images, FIXED_NOISE_COUNT),
    };
  }
  try {
    facts.metrics = await readMetrics(`${dir}/metrics.json`);
  } catch (err) {
    if (!(err instanceof DataError)) throw err;
    facts.problem = relative(out, err.message);
  }
  facts.figures = await figureNames(dir);
  facts.has_generator = await exists(`${dir}/generator/weights.json`);
  return facts;
}
