import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../backend/backend.ts";
import { baseConfig } from "../experiment.ts";
import { PROFILES } from "../profiles.ts";
import { normalArray, seedMathRandom, uniform } from "../rng.ts";
import { LATENT_DIM } from "../run/types.ts";
import { GanTrainer } from "./gan_step.ts";

await initBackend("wasm");
const config = { ...baseConfig(PROFILES.smoke), batch_size: 8 };

function trainer(): GanTrainer {
  seedMathRandom(7);
  return new GanTrainer(config);
}

function values(ts: readonly tf.LayerVariable[]): number[][] {
  return ts.map((w) => Array.from(w.read().dataSync()));
}

Deno.test("a step moves G's BatchNorm running statistics exactly once, as PyTorch's single forward", () => {
  const rand = uniform(3);
  const real = Float32Array.from({ length: 8 * 784 }, () => rand() * 2 - 1);
  const z = normalArray(11, 8 * LATENT_DIM);
  const a = trainer();
  const b = trainer();
  assert.deepEqual(values(a.g.weights), values(b.g.weights), "same initial weights");
  a.step(real, z, 1);
  // One training-mode forward of the same untrained G on the same z.
  tf.tidy(() => b.g.apply(tf.tensor2d(z, [8, LATENT_DIM]), { training: true }) as tf.Tensor);
  const got = values(a.g.nonTrainableWeights);
  const want = values(b.g.nonTrainableWeights);
  assert.ok(got.length >= 4, "running means and variances of both BatchNorm layers");
  for (let i = 0; i < got.length; i++) {
    for (let j = 0; j < got[i].length; j++) {
      assert.ok(Math.abs(got[i][j] - want[i][j]) < 1e-5, `stat ${i}[${j}]`);
    }
  }
  a.dispose();
  b.dispose();
});

Deno.test("a step updates both networks, reports finite losses and leaks no tensors", () => {
  const rand = uniform(4);
  const real = Float32Array.from({ length: 8 * 784 }, () => rand() * 2 - 1);
  const t = trainer();
  const g0 = values(t.g.trainableWeights);
  const d0 = values(t.d.trainableWeights);
  t.step(real, normalArray(1, 8 * LATENT_DIM), 1);
  const before = tf.memory().numTensors;
  const rec = t.step(real, normalArray(2, 8 * LATENT_DIM), 2);
  assert.equal(tf.memory().numTensors - before, 0, "tensors leaked by a step");
  for (const v of [rec.d_loss, rec.g_loss, rec.d_real, rec.d_fake]) assert.ok(Number.isFinite(v));
  const changed = (a: number[][], b: number[][]) =>
    a.every((w, i) => w.some((x, j) => x !== b[i][j]));
  assert.ok(changed(g0, values(t.g.trainableWeights)), "every G weight moved");
  assert.ok(changed(d0, values(t.d.trainableWeights)), "every D weight moved");
  t.dispose();
});
