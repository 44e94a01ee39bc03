import assert from "node:assert/strict";
import { MAX_SHIFT, shiftImage, shiftOf } from "./augment.ts";

const img = Float32Array.from({ length: 784 }, (_, i) => i / 784);

Deno.test("shiftImage moves pixels and fills the uncovered border with background", () => {
  const out = new Float32Array(784 * 2).fill(7);
  shiftImage(img, out, 784, 2, -1);
  assert.deepEqual(out.subarray(0, 784), new Float32Array(784).fill(7), "other images untouched");
  const at = (x: number, y: number) => out[784 + y * 28 + x];
  assert.equal(at(5, 3), img[(3 + 1) * 28 + (5 - 2)]);
  assert.equal(at(27, 26), img[27 * 28 + 25]);
  assert.equal(at(0, 10), -1);
  assert.equal(at(1, 10), -1);
  assert.equal(at(10, 27), -1);
  const same = new Float32Array(784);
  shiftImage(img, same, 0, 0, 0);
  assert.deepEqual(same, img);
});

Deno.test("shiftOf covers every shift in range evenly", () => {
  const counts = new Map<number, number>();
  for (let i = 0; i < 1000; i++) {
    const s = shiftOf(i / 1000);
    counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  assert.deepEqual([...counts.keys()].sort((a, b) => a - b), [-2, -1, 0, 1, 2]);
  for (const c of counts.values()) assert.equal(c, 200);
  assert.equal(shiftOf(0.99999), MAX_SHIFT);
});
