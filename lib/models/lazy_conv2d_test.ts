import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { lazyConv2d } from "./lazy_conv2d.ts";

await tf.setBackend("cpu");

function pair(strides: number) {
  const init = () => tf.initializers.randomUniform({ minval: -0.5, maxval: 0.5, seed: 3 });
  const args = { filters: 5, kernelSize: 3, strides, inputShape: [9, 9, 4] };
  const lazy = tf.sequential({
    layers: [lazyConv2d({ ...args, kernelInitializer: init(), biasInitializer: init() })],
  });
  const fused = tf.sequential({ layers: [tf.layers.conv2d({ ...args, padding: "same" })] });
  fused.setWeights(lazy.getWeights());
  return { lazy, fused };
}

function maxDiff(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);
}

Deno.test("lazyConv2d computes tf.layers.conv2d's function and gradients", () => {
  for (const strides of [1, 2]) {
    const { lazy, fused } = pair(strides);
    assert.deepEqual(lazy.outputs[0].shape, fused.outputs[0].shape);
    assert.deepEqual(lazy.getWeights().map((w) => w.shape), [[3, 3, 4, 5], [5]]);
    const x = tf.randomNormal([2, 9, 9, 4], 0, 1, "float32", 7);
    const dy = tf.randomNormal(fused.outputs[0].shape.map((d) => d ?? 2), 0, 1, "float32", 8);
    const loss = (m: tf.Sequential) => (v: tf.Tensor) =>
      tf.sum(tf.mul(m.apply(v, { training: true }) as tf.Tensor, dy));
    assert.ok(maxDiff(lazy.predict(x) as tf.Tensor, fused.predict(x) as tf.Tensor) < 1e-5);
    assert.ok(maxDiff(tf.grad(loss(lazy))(x), tf.grad(loss(fused))(x)) < 1e-5, "input gradient");
    const weightGrads = (m: tf.Sequential) =>
      tf.variableGrads(
        () => loss(m)(x) as tf.Scalar,
        m.trainableWeights.map((w) => w.read() as tf.Variable),
      ).grads;
    const gl = Object.values(weightGrads(lazy)), gf = Object.values(weightGrads(fused));
    gl.forEach((g, i) => assert.ok(maxDiff(g, gf[i]) < 1e-4, `weight gradient ${i}`));
  }
});

Deno.test("lazyConv2d: a gradient for the input alone computes no filter gradient", async () => {
  const { lazy, fused } = pair(2);
  const x = tf.randomNormal([2, 9, 9, 4]);
  const kernelsOf = async (m: tf.Sequential) =>
    (await tf.profile(() => tf.grad((v: tf.Tensor) => tf.sum(m.apply(v) as tf.Tensor))(x)))
      .kernels.map((k) => k.name);
  assert.ok(!(await kernelsOf(lazy)).includes("Conv2DBackpropFilter"));
  // The check can fail: tfjs-layers' own layer does compute it.
  assert.ok((await kernelsOf(fused)).includes("Conv2DBackpropFilter"));
});
