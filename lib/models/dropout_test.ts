import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { seedMathRandom, uniform } from "../rng.ts";
import { dropout, dropoutMask } from "./dropout.ts";

await tf.setBackend("cpu");

Deno.test("dropoutMask: zeros at the rate, survivors scaled by 1/(1-rate), seeded", () => {
  const n = 200_000;
  for (const rate of [0.1, 0.4, 0.9]) {
    const mask = dropoutMask(n, rate, 11);
    const zeros = mask.filter((v) => v === 0).length;
    const sd = Math.sqrt(n * rate * (1 - rate));
    assert.ok(Math.abs(zeros - n * rate) < 5 * sd, `rate ${rate}: ${zeros} zeros`);
    assert.ok(mask.every((v) => v === 0 || Math.abs(v - 1 / (1 - rate)) < 1e-6));
    assert.deepEqual(dropoutMask(n, rate, 11), mask);
    assert.notDeepEqual(dropoutMask(n, rate, 12), mask);
  }
  // Exactly the draws of rng.ts's uniform, compared with the rate.
  const u = uniform(2 ** 32 - 5);
  const exact = dropoutMask(10_000, 0.4, 2 ** 32 - 5);
  exact.forEach((v, i) => assert.equal(v === 0, u() < 0.4, `value ${i}`));
  // Neighbouring values are independent: P(both dropped) ≈ rate².
  const m = dropoutMask(n, 0.5, 5);
  let both = 0;
  for (let i = 0; i + 1 < n; i += 2) if (m[i] === 0 && m[i + 1] === 0) both++;
  assert.ok(Math.abs(both / (n / 2) - 0.25) < 0.01, `pairs ${both / (n / 2)}`);
});

Deno.test("dropout layer: identity at inference; seeded from Math.random in training", () => {
  const layer = dropout({ rate: 0.4, inputShape: [6, 6, 3] });
  const model = tf.sequential({ layers: [layer] });
  const x = tf.randomNormal([4, 6, 6, 3]);
  assert.deepEqual(
    Array.from((model.predict(x) as tf.Tensor).dataSync()),
    Array.from(x.dataSync()),
  );
  const run = (seed: number) => {
    seedMathRandom(seed);
    return Array.from((model.apply(x, { training: true }) as tf.Tensor).dataSync());
  };
  assert.deepEqual(run(1), run(1));
  assert.notDeepEqual(run(1), run(2));
  const xs = x.dataSync(), ys = run(3);
  ys.forEach((y, i) => assert.ok(y === 0 || Math.abs(y - xs[i] / 0.6) < 1e-5));
  // The gradient is the same mask.
  seedMathRandom(4);
  const g = tf.grad((v: tf.Tensor) => tf.sum(model.apply(v, { training: true }) as tf.Tensor))(x);
  const mask = run(4).map((y, i) => y / xs[i]);
  Array.from(g.dataSync()).forEach((d, i) => assert.ok(Math.abs(d - mask[i]) < 1e-4));
  assert.throws(() => dropout({ rate: 1 }), /not in \[0, 1\)/);
});
