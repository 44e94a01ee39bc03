import assert from "node:assert/strict";
import { normalArray } from "../rng.ts";
import { type FeatureStats, featureStats, frechetDistance, frechetFromStats } from "./frechet.ts";

/** n samples of N(mu, L·Lᵀ): x = mu + L·z, z standard normal. */
function sampleGaussian(
  seed: number,
  n: number,
  mu: number[],
  l: number[][],
): Float64Array {
  const dim = mu.length;
  const z = normalArray(seed, n * dim);
  const out = new Float64Array(n * dim);
  for (let i = 0; i < n; i++) {
    for (let r = 0; r < dim; r++) {
      let v = mu[r];
      for (let c = 0; c < dim; c++) v += l[r][c] * z[i * dim + c];
      out[i * dim + r] = v;
    }
  }
  return out;
}

function stats(mu: number[], sigma: number[][]): FeatureStats {
  return {
    n: Infinity,
    dim: mu.length,
    mu: Float64Array.from(mu),
    sigma: Float64Array.from(sigma.flat()),
  };
}

function rotation2(theta: number): number[][] {
  const c = Math.cos(theta), s = Math.sin(theta);
  return [[c, -s], [s, c]];
}

function mmul(a: number[][], b: number[][]): number[][] {
  return a.map((row) => b[0].map((_, j) => row.reduce((s, v, k) => s + v * b[k][j], 0)));
}

function transpose(a: number[][]): number[][] {
  return a[0].map((_, j) => a.map((row) => row[j]));
}

function identity(n: number): number[][] {
  return Array.from(
    { length: n },
    (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)),
  );
}

function close(actual: number, expected: number, tol: number, what: string) {
  assert.ok(
    Math.abs(actual - expected) <= tol,
    `${what}: ${actual} vs ${expected} (tolerance ${tol})`,
  );
}

Deno.test("featureStats: mean and unbiased covariance of a tiny set", () => {
  // Rows (1,2), (3,2), (5,8): means 3 and 4.
  const s = featureStats([1, 2, 3, 2, 5, 8], 3, 2);
  assert.deepEqual(Array.from(s.mu), [3, 4]);
  // Deviations (-2,-2), (0,-2), (2,4) → sums 8, 12, 24, divided by n−1 = 2.
  assert.deepEqual(Array.from(s.sigma), [4, 6, 6, 12]);
});

Deno.test("featureStats: rejects wrong lengths and single samples", () => {
  assert.throws(() => featureStats([1, 2, 3], 2, 2), RangeError);
  assert.throws(() => featureStats([1, 2], 1, 2), RangeError);
});

Deno.test("frechet: a set against itself is 0", () => {
  const x = sampleGaussian(1, 500, [1, -2, 3, 0.5], [
    [1, 0, 0, 0],
    [0.5, 2, 0, 0],
    [0.1, -0.3, 0.7, 0],
    [0, 0.2, 0.4, 1.5],
  ]);
  const d = frechetDistance(x, 500, x, 500, 4);
  close(d, 0, 1e-9, "d²(x, x)");
});

Deno.test("frechet: a rank-deficient set against itself is 0, not NaN", () => {
  // 5 samples in 16 dimensions: the covariance has rank ≤ 4.
  const x = sampleGaussian(2, 5, new Array(16).fill(0), identity(16));
  const d = frechetDistance(x, 5, x, 5, 16);
  close(d, 0, 1e-9, "d²(x, x)");
});

Deno.test("frechetFromStats: diagonal covariances match Σ(√a − √b)²", () => {
  const a = [4, 1, 0.25, 9];
  const b = [1, 1, 1, 16];
  const muA = [0, 1, 2, 3];
  const muB = [1, 1, 0, 3];
  const diag = (v: number[]) => v.map((x, i) => v.map((_, j) => (i === j ? x : 0)));
  const expected = 1 + 4 +
    a.reduce((s, x, i) => s + (Math.sqrt(x) - Math.sqrt(b[i])) ** 2, 0);
  const d = frechetFromStats(stats(muA, diag(a)), stats(muB, diag(b)));
  close(d, expected, 1e-10, "d²");
});

Deno.test("frechetFromStats: non-commuting 2×2 covariances match the closed form", () => {
  // For 2×2 PSD A, B: Tr((A^{1/2} B A^{1/2})^{1/2}) = √(Tr(AB) + 2√(det A·det B)).
  const r = rotation2(0.7);
  const s1 = [[3, 0.5], [0.5, 1]];
  const s2 = mmul(mmul(r, [[4, 0], [0, 0.5]]), transpose(r));
  const det = (m: number[][]) => m[0][0] * m[1][1] - m[0][1] * m[1][0];
  const trAB = mmul(s1, s2).reduce((s, row, i) => s + row[i], 0);
  const cross = Math.sqrt(trAB + 2 * Math.sqrt(det(s1) * det(s2)));
  const mu1 = [0.3, -1], mu2 = [1, 2];
  const expected = (0.3 - 1) ** 2 + 9 + s1[0][0] + s1[1][1] + s2[0][0] +
    s2[1][1] - 2 * cross;
  const d = frechetFromStats(stats(mu1, s1), stats(mu2, s2));
  close(d, expected, 1e-10, "d²");
  close(
    frechetFromStats(stats(mu2, s2), stats(mu1, s1)),
    expected,
    1e-10,
    "d² swapped",
  );
});

Deno.test("frechet: samples of two Gaussians approach the analytic distance", () => {
  // Σ1 = L1·L1ᵀ and a rotated Σ2; the exact value comes from frechetFromStats
  // of the true parameters, itself checked against closed forms above.
  const l1 = [[1, 0, 0], [0.6, 0.8, 0], [-0.2, 0.3, 1.2]];
  const r = [
    [Math.cos(0.4), -Math.sin(0.4), 0],
    [Math.sin(0.4), Math.cos(0.4), 0],
    [0, 0, 1],
  ];
  const l2 = mmul(r, [[2, 0, 0], [0, 0.5, 0], [0, 0, 1]]);
  const mu1 = [0, 0, 0], mu2 = [1, -0.5, 0.25];
  const exact = frechetFromStats(
    stats(mu1, mmul(l1, transpose(l1))),
    stats(mu2, mmul(l2, transpose(l2))),
  );
  const n = 20000;
  const x = sampleGaussian(11, n, mu1, l1);
  const y = sampleGaussian(12, n, mu2, l2);
  const d = frechetDistance(x, n, y, n, 3);
  close(d, exact, 0.05 * exact, "sampled d²");
});
