import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { bceFromLogits, bceFromProbability } from "./losses.ts";

await tf.setBackend("cpu");

const sig = (x: number) => 1 / (1 + Math.exp(-x));

Deno.test("both forms equal BCE on moderate logits", () => {
  const xs = [-3, -0.5, 0, 0.7, 4];
  const l = tf.tensor1d(xs);
  for (const y of [0, 1] as const) {
    const expected = xs.reduce(
      (s, x) => s - (y ? Math.log(sig(x)) : Math.log(1 - sig(x))),
      0,
    ) / xs.length;
    assert.ok(Math.abs(bceFromLogits(l, y).dataSync()[0] - expected) < 1e-5);
    assert.ok(
      Math.abs(bceFromProbability(l, y).dataSync()[0] - expected) < 1e-4,
    );
  }
});

Deno.test("the stable form stays exact where the probability form saturates at 100", () => {
  const l = tf.tensor1d([40]);
  assert.ok(Math.abs(bceFromLogits(l, 0).dataSync()[0] - 40) < 1e-4);
  assert.equal(bceFromProbability(l, 0).dataSync()[0], 100);
});

Deno.test("the probability form has a zero, not NaN, gradient where saturated", () => {
  const g = tf.grad((x: tf.Tensor) => bceFromProbability(x, 0))(
    tf.tensor1d([40, 1]),
  );
  const [gs, gm] = g.dataSync();
  assert.equal(Math.abs(gs), 0);
  assert.ok(
    Math.abs(gm - sig(1) / 2) < 1e-5,
    "mean over 2 → half of sigmoid(1)",
  );
  const gl = tf.grad((x: tf.Tensor) => bceFromLogits(x, 0))(tf.tensor1d([40]))
    .dataSync()[0];
  assert.ok(Math.abs(gl - 1) < 1e-6, "stable form keeps the gradient");
});
