import assert from "node:assert/strict";
import {
  argmaxRows,
  classesCovered,
  classHistogram,
  classifierScore,
  probabilityScores,
} from "./scores.ts";

function close(actual: number, expected: number, tol = 1e-12) {
  assert.ok(
    Math.abs(actual - expected) <= tol,
    `${actual} vs ${expected} (tolerance ${tol})`,
  );
}

/** n rows, each one-hot at `classOf(i)`. */
function oneHot(n: number, classOf: (i: number) => number): Float64Array {
  const p = new Float64Array(n * 10);
  for (let i = 0; i < n; i++) p[i * 10 + classOf(i)] = 1;
  return p;
}

Deno.test("classifierScore: uniform rows score 1", () => {
  close(classifierScore(new Float64Array(50 * 10).fill(0.1), 50), 1);
});

Deno.test("classifierScore: one-hot over 10 balanced classes scores 10", () => {
  close(classifierScore(oneHot(100, (i) => i % 10), 100), 10, 1e-10);
});

Deno.test("classifierScore: one-hot all in one class scores 1", () => {
  close(classifierScore(oneHot(30, () => 4), 30), 1);
});

Deno.test("classifierScore: one-hot over 2 balanced classes scores 2", () => {
  close(classifierScore(oneHot(40, (i) => (i % 2) * 7), 40), 2, 1e-10);
});

Deno.test("classHistogram and argmax count each row's top class", () => {
  const p = oneHot(25, (i) => (i < 20 ? i % 5 : 9));
  assert.deepEqual(classHistogram(p, 25), [4, 4, 4, 4, 4, 0, 0, 0, 0, 5]);
  // Ties go to the first class.
  assert.deepEqual(Array.from(argmaxRows(new Float64Array(10).fill(0.1), 1)), [
    0,
  ]);
});

Deno.test("classesCovered: a class needs at least 1% of the samples", () => {
  assert.equal(classesCovered([100, 100, 0, 0, 0, 0, 0, 0, 0, 0]), 2);
  // 1000 samples: 9 is below 1%, 10 is exactly 1%.
  assert.equal(classesCovered([981, 9, 10, 0, 0, 0, 0, 0, 0, 0]), 2);
  assert.equal(classesCovered(new Array(10).fill(0)), 0);
  assert.equal(classesCovered(new Array(10).fill(3)), 10);
});

Deno.test("probabilityScores: confidence and mean max-prob", () => {
  // Two rows at 0.95 confidence, one at exactly 0.9, one uniform.
  const p = new Float64Array(40);
  const spread = (row: number, cls: number, top: number) => {
    for (let c = 0; c < 10; c++) p[row * 10 + c] = (1 - top) / 9;
    p[row * 10 + cls] = top;
  };
  spread(0, 1, 0.95);
  spread(1, 2, 0.95);
  spread(2, 3, 0.9);
  p.fill(0.1, 30, 40);
  const s = probabilityScores(p, 4);
  close(s.confident_fraction, 0.75);
  close(s.mean_max_prob, (0.95 + 0.95 + 0.9 + 0.1) / 4);
  assert.deepEqual(s.class_histogram, [1, 1, 1, 1, 0, 0, 0, 0, 0, 0]);
  assert.equal(s.classes_covered, 4);
  assert.ok(s.classifier_score > 1 && s.classifier_score < 4);
});

Deno.test("scores reject a probability matrix of the wrong size", () => {
  assert.throws(() => classifierScore(new Float64Array(15), 2), RangeError);
  assert.throws(() => probabilityScores(new Float64Array(0), 0), RangeError);
});
