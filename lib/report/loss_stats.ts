/** Numbers the report states about a run's losses, computed from losses.jsonl. */
import { EXPLODING_LOSS } from "../render/series.ts";
import type { LossRecord } from "../run/types.ts";

/** Summary of a run's loss records; means skip non-finite values. */
export interface LossSummary {
  steps: number;
  /** Means over the last 10% of steps (at least one). */
  final: { d: number; g: number; d_real: number; d_fake: number };
  /** Means over the first 10% of steps: where G's loss started. */
  early: { d: number; g: number };
  /** Means over all steps. */
  mean: { d: number; g: number };
  /** Largest |D loss| or |G loss| and the step where it occurred. */
  max_abs: number;
  max_abs_step: number;
  /** Steps whose D or G loss is not a finite number (NaN/Inf, written as null). */
  nonfinite: number;
  /** First step with |loss| > EXPLODING_LOSS or a non-finite loss, or null. */
  first_exploding: number | null;
}

const isFinite = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

function mean(records: readonly LossRecord[], key: keyof LossRecord): number {
  let sum = 0, n = 0;
  for (const r of records) {
    if (isFinite(r[key])) {
      sum += r[key];
      n++;
    }
  }
  return n === 0 ? NaN : sum / n;
}

/** Summarises losses, or returns null when there are none. */
export function lossSummary(losses: readonly LossRecord[]): LossSummary | null {
  if (losses.length === 0) return null;
  const tenth = Math.max(1, Math.ceil(losses.length / 10));
  const last = losses.slice(-tenth);
  const first = losses.slice(0, tenth);
  let maxAbs = 0, maxStep = losses[0].step, nonfinite = 0;
  let exploding: number | null = null;
  for (const r of losses) {
    let bad = false;
    for (const v of [r.d_loss, r.g_loss]) {
      if (!isFinite(v)) {
        bad = true;
        continue;
      }
      if (Math.abs(v) > maxAbs) [maxAbs, maxStep] = [Math.abs(v), r.step];
      if (Math.abs(v) > EXPLODING_LOSS) exploding ??= r.step;
    }
    if (bad) {
      nonfinite++;
      exploding ??= r.step;
    }
  }
  return {
    steps: losses.length,
    final: {
      d: mean(last, "d_loss"),
      g: mean(last, "g_loss"),
      d_real: mean(last, "d_real"),
      d_fake: mean(last, "d_fake"),
    },
    early: { d: mean(first, "d_loss"), g: mean(first, "g_loss") },
    mean: { d: mean(losses, "d_loss"), g: mean(losses, "g_loss") },
    max_abs: maxAbs,
    max_abs_step: maxStep,
    nonfinite,
    first_exploding: exploding,
  };
}
