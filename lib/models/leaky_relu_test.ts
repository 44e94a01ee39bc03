import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../backend/backend.ts";
import { leakyReLU, leakyReluFast } from "./leaky_relu.ts";

const X = [-2, -0.5, 0, 0.25, 3, -1e-8, 1e-8, -7];
const DY = [1, 2, 3, 4, 5, 6, 7, 8];
const inputs = () => [tf.tensor(X, [2, 2, 2, 1]), tf.tensor(DY, [2, 2, 2, 1])];

/** Equal up to float32 rounding: cpu's leakyRelu multiplies in float64, then rounds. */
function assertClose(actual: tf.Tensor, expected: tf.Tensor, what: string): void {
  const a = actual.dataSync(), e = expected.dataSync();
  assert.equal(a.length, e.length);
  e.forEach((v, i) => assert.ok(Math.abs(a[i] - v) <= 1e-7 * Math.abs(v), `${what}[${i}]`));
}

for (const backend of ["cpu", "wasm"] as const) {
  Deno.test(`leakyReluFast on ${backend}: tf.leakyRelu's values and gradient, 0 included`, async () => {
    await initBackend(backend);
    const [x, dy] = inputs();
    for (const alpha of [0.2, 0.01, 0]) {
      const mine = (v: tf.Tensor) => leakyReluFast(v, alpha);
      const theirs = (v: tf.Tensor) => tf.leakyRelu(v, alpha);
      assertClose(mine(x), theirs(x), `values, alpha ${alpha}`);
      // The gradient at 0 is α·dy in both, and 1·dy for every positive x.
      assert.deepEqual(tf.grad(mine)(x, dy).dataSync(), tf.grad(theirs)(x, dy).dataSync());
    }
    assert.ok(Number.isNaN(leakyReluFast(tf.tensor([NaN]), 0.2).dataSync()[0]), "NaN stays NaN");
  });
}

Deno.test("leakyReLU layer: tf.layers.leakyReLU's output and input gradient, nothing leaked", async () => {
  await initBackend("cpu");
  const [x, dy] = inputs();
  const mine = tf.sequential({ layers: [leakyReLU({ alpha: 0.2, inputShape: [2, 2, 1] })] });
  const theirs = tf.sequential({
    layers: [tf.layers.leakyReLU({ alpha: 0.2, inputShape: [2, 2, 1] })],
  });
  assertClose(mine.predict(x) as tf.Tensor, theirs.predict(x) as tf.Tensor, "output");
  const loss = (m: tf.Sequential) => (v: tf.Tensor) => tf.sum(tf.mul(m.apply(v) as tf.Tensor, dy));
  assert.deepEqual(tf.grad(loss(mine))(x).dataSync(), tf.grad(loss(theirs))(x).dataSync());
  const before = tf.memory().numTensors;
  tf.tidy(() => {
    tf.grad(loss(mine))(x);
  });
  assert.equal(tf.memory().numTensors, before);
  assert.throws(() => leakyReluFast(x, 1), /slope 1 not in \[0, 1\)/);
});
