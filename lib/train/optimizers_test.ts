import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { createOptimizer } from "./optimizers.ts";

await tf.setBackend("cpu");

/** Runs 3 steps on f(w) = Σ w² with w0 = [1, -2, 0.5] and returns w. */
function run(cfg: Parameters<typeof createOptimizer>[0]): number[] {
  const w = tf.variable(tf.tensor1d([1, -2, 0.5]));
  const opt = createOptimizer(cfg, [w]);
  for (let i = 0; i < 3; i++) {
    const g = tf.mul(w, 2);
    opt.step([g]);
    g.dispose();
  }
  const out = Array.from(w.dataSync());
  opt.dispose();
  w.dispose();
  return out;
}

/** The same updates in plain JS, written from PyTorch's documented formulas. */
function reference(
  name: "sgd" | "rmsprop" | "adam",
  lr: number,
  b1 = 0.9,
  b2 = 0.999,
): number[] {
  const w = [1, -2, 0.5], m = [0, 0, 0], v = [0, 0, 0];
  for (let t = 1; t <= 3; t++) {
    for (let i = 0; i < 3; i++) {
      const g = 2 * w[i];
      if (name === "sgd") w[i] -= lr * g;
      if (name === "rmsprop") {
        v[i] = 0.99 * v[i] + 0.01 * g * g;
        w[i] -= lr * g / (Math.sqrt(v[i]) + 1e-8);
      }
      if (name === "adam") {
        m[i] = b1 * m[i] + (1 - b1) * g;
        v[i] = b2 * v[i] + (1 - b2) * g * g;
        const mh = m[i] / (1 - b1 ** t), vh = v[i] / (1 - b2 ** t);
        w[i] -= lr * mh / (Math.sqrt(vh) + 1e-8);
      }
    }
  }
  return w;
}

function close(a: number[], b: number[]) {
  a.forEach((x, i) => assert.ok(Math.abs(x - b[i]) < 1e-5, `${a} vs ${b}`));
}

Deno.test("SGD, RMSprop and Adam follow PyTorch's update rules", () => {
  close(run({ name: "sgd", lr: 0.1 }), reference("sgd", 0.1));
  close(run({ name: "rmsprop", lr: 0.01 }), reference("rmsprop", 0.01));
  close(run({ name: "adam", lr: 0.01 }), reference("adam", 0.01));
  close(
    run({ name: "adam", lr: 0.01, beta1: 0.5 }),
    reference("adam", 0.01, 0.5),
  );
});

Deno.test("optimizer state round-trips: a restored optimizer continues identically", () => {
  const w1 = tf.variable(tf.tensor1d([1, -2]));
  const w2 = tf.variable(tf.tensor1d([1, -2]));
  const a = createOptimizer({ name: "adam", lr: 0.1 }, [w1]);
  const b = createOptimizer({ name: "adam", lr: 0.1 }, [w2]);
  a.step([tf.tensor1d([0.5, 1])]);
  w2.assign(w1);
  b.setState(a.state().map((t) => t.clone()));
  a.step([tf.tensor1d([0.3, -1])]);
  b.step([tf.tensor1d([0.3, -1])]);
  assert.deepEqual(Array.from(w2.dataSync()), Array.from(w1.dataSync()));
  assert.throws(() => b.setState([]), /expected 3/);
});
