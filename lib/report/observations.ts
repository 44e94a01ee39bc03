/**
 * Observations about a run, each computed from its files and stated with
 * the numbers that support it. Thresholds are named here, once.
 */
import { architecture } from "../models/architectures.ts";
import { grey } from "../render/png.ts";
import type { MetricsFields } from "../render/run_inputs.ts";
import { EXPLODING_LOSS } from "../render/series.ts";
import type { RunFacts } from "./collect.ts";
import { num, pct } from "./format.ts";
import type { Text } from "./i18n.ts";
import type { SampleStats } from "./sample_stats.ts";

/** A final loss below this is "near 0": D (or G) wins almost every comparison. */
const NEAR_ZERO_LOSS = 0.1;
/** G's final loss must also exceed this to call D dominant (ln 2 ≈ 0.69 is the balanced value). */
const HIGH_G_LOSS = 2;
/** With G's loss near 0, a D loss above this means D no longer separates real from fake. */
const HIGH_D_LOSS = 1;
/** Sample spread below this share of real digits' spread: the samples barely vary (collapse). */
const COLLAPSED_SPREAD = 0.4;
/** Share of near-identical sample pairs from which collapse is flagged (real digits: ~0). */
const COLLAPSED_PAIRS = 0.2;
/** Share of near-identical pairs worth mentioning even without collapse. */
const NOTABLE_PAIRS = 0.01;
/** Within-image contrast below this share of real digits': the images are uniform. */
const UNIFORM_CONTRAST = 0.15;
/** Roughness above this multiple of real digits': noise rather than strokes. */
const NOISY_ROUGHNESS = 2;

/** True when the generator ends in ReLU → Tanh, which bounds its output to [0, 1). */
function reluBeforeTanh(generator: string): boolean {
  try {
    const kinds = architecture(generator).layers.map((l) => l.kind);
    return kinds.length >= 2 && kinds.at(-1) === "Tanh" && kinds.at(-2) === "ReLU";
  } catch {
    return false;
  }
}

function lossObservations(f: RunFacts, t: Text): string[] {
  const out: string[] = [];
  const status = f.run?.status;
  if (f.state === "diverged") {
    out.push(t.obs.diverged(String(status?.diverged_at ?? "?"), status?.reason ?? ""));
  } else if (f.state === "failed") {
    out.push(t.obs.failed(status?.reason ?? ""));
  } else if (f.state === "running") {
    out.push(t.obs.incomplete(f.step, f.spec.config.steps));
  }
  const l = f.loss;
  if (!l) return out;
  out.push(t.obs.losses(num(l.final.d), num(l.final.g), num(l.mean.d), num(l.mean.g)));
  if (Number.isFinite(l.final.d_real) && Number.isFinite(l.final.d_fake)) {
    out.push(t.obs.probabilities(num(l.final.d_real), num(l.final.d_fake)));
  }
  if (l.max_abs > EXPLODING_LOSS) {
    out.push(t.obs.exploded(num(l.max_abs), l.max_abs_step, l.nonfinite));
  } else if (l.nonfinite === 0) out.push(t.obs.moderate(num(l.max_abs)));
  if (l.final.d < NEAR_ZERO_LOSS && l.final.g > Math.max(HIGH_G_LOSS, l.early.g)) {
    out.push(t.obs.dDominates(num(l.final.d), num(l.early.g), num(l.final.g)));
  } else if (l.final.g < NEAR_ZERO_LOSS && l.final.d > HIGH_D_LOSS) {
    out.push(t.obs.gDominates(num(l.final.g), num(l.final.d)));
  }
  return out;
}

function sampleObservations(f: RunFacts, ref: SampleStats | null, t: Text): string[] {
  if (!f.samples) return [];
  const s = f.samples.stats;
  const out: string[] = [];
  if (ref) {
    out.push(t.obs.spread(num(s.spread), num(ref.spread), pct(s.spread / ref.spread)));
    if (s.spread < COLLAPSED_SPREAD * ref.spread || s.near_identical >= COLLAPSED_PAIRS) {
      out.push(t.obs.collapse(pct(s.near_identical)));
    } else if (s.near_identical >= NOTABLE_PAIRS) {
      out.push(t.obs.nearIdentical(pct(s.near_identical)));
    }
    if (s.contrast < UNIFORM_CONTRAST * ref.contrast) out.push(t.obs.uniform(grey(s.mean)));
    if (s.roughness > NOISY_ROUGHNESS * ref.roughness) {
      out.push(t.obs.noise(num(s.roughness / ref.roughness)));
    }
    out.push(t.obs.brightness(num(s.mean), num(ref.mean)));
  }
  if (s.min >= 0) {
    out.push(t.obs.nonNegative(num(s.min), grey(s.min)));
    if (reluBeforeTanh(f.spec.config.generator)) out.push(t.obs.reluBeforeTanh);
  }
  return out;
}

/**
 * What the run's files show, one sentence each: losses and their
 * trend, divergence, dominance of one network, the spread, brightness,
 * noisiness and range of the samples against real digits (`ref`), and the
 * evaluation metrics against the real-vs-real `baseline`.
 */
export function observations(
  f: RunFacts,
  ref: SampleStats | null,
  baseline: MetricsFields | null,
  t: Text,
): string[] {
  const out = [...lossObservations(f, t), ...sampleObservations(f, ref, t)];
  const m = f.metrics;
  if (m?.fid !== undefined) {
    out.push(
      t.obs.metrics(
        num(m.fid),
        baseline?.fid === undefined ? "" : num(baseline.fid),
        num(m.classifier_score),
        m.classes_covered === undefined ? "—" : String(m.classes_covered),
      ),
    );
  }
  return out;
}
