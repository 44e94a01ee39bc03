/**
 * Scores computed from a classifier's class probabilities on generated
 * images: how sharp (confident) and how diverse (classes spread) they are.
 */

/** Number of MNIST classes. */
export const CLASSES = 10;

/** Probability at or above which a sample counts as confidently classified. */
export const CONFIDENT_THRESHOLD = 0.9;

/** Share of samples a class needs before it counts as covered. */
export const COVERAGE_MIN_FRACTION = 0.01;

/** Summary of a probability matrix (n×10). */
export interface ProbabilityScores {
  /** exp(E_x[KL(p(y|x) ‖ p(y))]): 1 (no information) … 10 (sharp, balanced). */
  classifier_score: number;
  /** Fraction of samples whose largest class probability is ≥ CONFIDENT_THRESHOLD. */
  confident_fraction: number;
  /** Mean over samples of the largest class probability. */
  mean_max_prob: number;
  /** Samples per class, by argmax. */
  class_histogram: number[];
  /** Classes holding at least COVERAGE_MIN_FRACTION of the samples (see classesCovered). */
  classes_covered: number;
}

function checkShape(probs: ArrayLike<number>, n: number, k: number): void {
  if (n < 1 || probs.length !== n * k) {
    throw new RangeError(
      `expected ${n}×${k} probabilities, got ${probs.length} values`,
    );
  }
}

/**
 * The Inception score recipe with our MNIST classifier:
 * exp of the mean KL divergence between each sample's class distribution and
 * the marginal over all samples. Terms with p(y|x) = 0 contribute 0 (the
 * limit of p·log p), so one-hot rows are fine.
 */
export function classifierScore(
  probs: ArrayLike<number>,
  n: number,
  k = CLASSES,
): number {
  checkShape(probs, n, k);
  const marginal = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < k; c++) marginal[c] += probs[i * k + c];
  }
  for (let c = 0; c < k; c++) marginal[c] /= n;
  let kl = 0;
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < k; c++) {
      const p = probs[i * k + c];
      if (p > 0) kl += p * Math.log(p / marginal[c]);
    }
  }
  return Math.exp(kl / n);
}

/** Index of each row's largest probability (the first one on ties). */
export function argmaxRows(
  probs: ArrayLike<number>,
  n: number,
  k = CLASSES,
): Uint8Array {
  checkShape(probs, n, k);
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) {
      if (probs[i * k + c] > probs[i * k + best]) best = c;
    }
    out[i] = best;
  }
  return out;
}

/** Samples per class by argmax, length k. */
export function classHistogram(
  probs: ArrayLike<number>,
  n: number,
  k = CLASSES,
): number[] {
  const hist = new Array<number>(k).fill(0);
  for (const c of argmaxRows(probs, n, k)) hist[c] += 1;
  return hist;
}

/**
 * Number of classes that are really present: a class is covered when it
 * holds at least `minFraction` of all samples (default 1%, i.e. a tenth of
 * its share under a uniform spread), so a handful of stray argmaxes on a
 * collapsed generator's output does not count as diversity.
 */
export function classesCovered(
  histogram: readonly number[],
  minFraction = COVERAGE_MIN_FRACTION,
): number {
  const total = histogram.reduce((s, v) => s + v, 0);
  if (total === 0) return 0;
  return histogram.filter((v) => v > 0 && v >= minFraction * total).length;
}

/** Every probability-based score of n×k class probabilities. */
export function probabilityScores(
  probs: ArrayLike<number>,
  n: number,
  k = CLASSES,
): ProbabilityScores {
  checkShape(probs, n, k);
  let confident = 0;
  let maxSum = 0;
  for (let i = 0; i < n; i++) {
    let max = 0;
    for (let c = 0; c < k; c++) max = Math.max(max, probs[i * k + c]);
    maxSum += max;
    if (max >= CONFIDENT_THRESHOLD) confident += 1;
  }
  const class_histogram = classHistogram(probs, n, k);
  return {
    classifier_score: classifierScore(probs, n, k),
    confident_fraction: confident / n,
    mean_max_prob: maxSum / n,
    class_histogram,
    classes_covered: classesCovered(class_histogram),
  };
}
