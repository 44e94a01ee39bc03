import assert from "node:assert/strict";
import { realReference, sampleStats } from "./sample_stats.ts";

Deno.test("identical images: no spread, every pair near-identical", () => {
  const images = new Float32Array(10 * 784).fill(0.2);
  const s = sampleStats(images, 10);
  assert.ok(s.spread < 1e-6);
  assert.equal(s.near_identical, 1);
  assert.ok(Math.abs(s.mean - 0.2) < 1e-6);
  assert.ok(s.roughness < 1e-6);
  assert.ok(s.contrast < 1e-6);
  assert.ok(Math.abs(s.min - 0.2) < 1e-6);
});

Deno.test("uniform noise is rough and spread out", () => {
  let x = 1;
  const images = new Float32Array(20 * 784).map(() =>
    ((x = (x * 16807) % 2147483647) / 2147483647) * 2 - 1
  );
  const s = sampleStats(images, 20);
  assert.ok(Math.abs(s.roughness - 2 / 3) < 0.02, `roughness ${s.roughness}`);
  assert.ok(s.spread > 0.5);
  assert.equal(s.near_identical, 0);
  assert.throws(() => sampleStats(images, 1), RangeError);
});

Deno.test("real MNIST digits: black background, smooth, diverse", async () => {
  const ref = await realReference();
  assert.equal(ref.n, 500);
  assert.ok(ref.mean < -0.6);
  assert.ok(ref.roughness < 0.2);
  assert.ok(ref.contrast > 0.5);
  assert.ok(ref.spread > 0.3 && ref.spread < 0.45);
  assert.ok(ref.near_identical < 0.001);
});
