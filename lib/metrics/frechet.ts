/**
 * The Fréchet distance between two Gaussians fitted to feature sets: the
 * "FID" recipe, applied to the features of our own MNIST classifier.
 */
import { EigenvalueDecomposition, Matrix } from "ml-matrix";

/** Mean and covariance of `n` feature vectors of dimension `dim`. */
export interface FeatureStats {
  n: number;
  dim: number;
  /** Mean, length dim. */
  mu: Float64Array;
  /** Unbiased covariance (divided by n − 1), dim×dim row-major. */
  sigma: Float64Array;
}

/**
 * Mean and unbiased covariance of `features` (n×dim, row-major).
 * Unbiased to match numpy's `np.cov`, which the usual FID code uses.
 */
export function featureStats(
  features: ArrayLike<number>,
  n: number,
  dim: number,
): FeatureStats {
  if (features.length !== n * dim) {
    throw new RangeError(
      `featureStats: ${features.length} values for ${n}×${dim} features`,
    );
  }
  if (n < 2) {
    throw new RangeError(`featureStats: need at least 2 samples, got ${n}`);
  }
  const mu = new Float64Array(dim);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < dim; j++) mu[j] += features[i * dim + j];
  }
  for (let j = 0; j < dim; j++) mu[j] /= n;

  // Centring first keeps the sum of outer products accurate when the means
  // are large compared with the spread.
  const sigma = new Float64Array(dim * dim);
  const row = new Float64Array(dim);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < dim; j++) row[j] = features[i * dim + j] - mu[j];
    for (let a = 0; a < dim; a++) {
      const ra = row[a];
      if (ra === 0) continue;
      const base = a * dim;
      for (let b = a; b < dim; b++) sigma[base + b] += ra * row[b];
    }
  }
  for (let a = 0; a < dim; a++) {
    for (let b = a; b < dim; b++) {
      const v = sigma[a * dim + b] / (n - 1);
      sigma[a * dim + b] = v;
      sigma[b * dim + a] = v;
    }
  }
  return { n, dim, mu, sigma };
}

function toMatrix(data: Float64Array, dim: number): Matrix {
  const rows: number[][] = [];
  for (let i = 0; i < dim; i++) {
    rows.push(Array.from(data.subarray(i * dim, (i + 1) * dim)));
  }
  return new Matrix(rows);
}

function symmetrized(m: Matrix): Matrix {
  return m.add(m.transpose()).mul(0.5);
}

/**
 * Eigenvalues of a symmetric positive semi-definite matrix, with the tiny
 * negative values that rounding produces clipped to 0 (they would make the
 * square roots NaN).
 */
function psdEigen(m: Matrix): { values: number[]; vectors: Matrix } {
  const evd = new EigenvalueDecomposition(symmetrized(m), {
    assumeSymmetric: true,
  });
  return {
    values: evd.realEigenvalues.map((v) => Math.max(0, v)),
    vectors: evd.eigenvectorMatrix,
  };
}

/** Principal square root of a symmetric PSD matrix: V·diag(√λ)·Vᵀ. */
function psdSqrt(m: Matrix): Matrix {
  const { values, vectors } = psdEigen(m);
  const scaled = vectors.clone();
  for (let j = 0; j < values.length; j++) {
    const s = Math.sqrt(values[j]);
    for (let i = 0; i < scaled.rows; i++) {
      scaled.set(i, j, scaled.get(i, j) * s);
    }
  }
  return scaled.mmul(vectors.transpose());
}

/**
 * Squared Fréchet distance between N(μ1, Σ1) and N(μ2, Σ2):
 * |μ1−μ2|² + Tr(Σ1 + Σ2 − 2 (Σ1^{1/2} Σ2 Σ1^{1/2})^{1/2}).
 *
 * The cross term is computed through the symmetric form
 * Σ1^{1/2} Σ2 Σ1^{1/2} (PSD, so its trace root is the sum of √eigenvalues)
 * rather than the non-symmetric product Σ1Σ2, so that only symmetric
 * eigendecompositions are needed. A result below 0 can only be rounding
 * and is returned as 0.
 */
export function frechetFromStats(a: FeatureStats, b: FeatureStats): number {
  if (a.dim !== b.dim) {
    throw new RangeError(
      `frechetFromStats: dimensions differ (${a.dim} vs ${b.dim})`,
    );
  }
  const dim = a.dim;
  let meanTerm = 0;
  for (let j = 0; j < dim; j++) {
    const d = a.mu[j] - b.mu[j];
    meanTerm += d * d;
  }
  let traces = 0;
  for (let j = 0; j < dim; j++) {
    traces += a.sigma[j * dim + j] + b.sigma[j * dim + j];
  }
  const s1 = toMatrix(a.sigma, dim);
  const s2 = toMatrix(b.sigma, dim);
  const root1 = psdSqrt(s1);
  const cross = psdEigen(root1.mmul(s2).mmul(root1)).values
    .reduce((sum, v) => sum + Math.sqrt(v), 0);
  return Math.max(0, meanTerm + traces - 2 * cross);
}

/** Squared Fréchet distance between Gaussians fitted to two feature sets (each n×dim). */
export function frechetDistance(
  a: ArrayLike<number>,
  nA: number,
  b: ArrayLike<number>,
  nB: number,
  dim: number,
): number {
  return frechetFromStats(featureStats(a, nA, dim), featureStats(b, nB, dim));
}
