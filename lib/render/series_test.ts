import assert from "node:assert/strict";
import type { LossRecord } from "../run/types.ts";
import {
  envelope,
  firstExplodingStep,
  lossPoints,
  movingAverage,
  type Point,
  smoothingWindow,
  stride,
} from "./series.ts";

const rec = (step: number, d: number | null, g: number): LossRecord => ({
  step,
  d_loss: d as number,
  g_loss: g,
  d_real: 0.5,
  d_fake: 0.5,
});

Deno.test("lossPoints drops non-finite values written as null", () => {
  const pts = lossPoints(
    [rec(1, 0.5, 1), rec(2, null, 1), rec(3, 0.7, 1)],
    "d_loss",
  );
  assert.deepEqual(pts.map((p) => p.step), [1, 3]);
});

Deno.test("movingAverage is centred and keeps length", () => {
  const pts: Point[] = [0, 0, 3, 0, 0].map((v, i) => ({ step: i, value: v }));
  const avg = movingAverage(pts, 3);
  assert.equal(avg.length, 5);
  assert.deepEqual(avg.map((p) => p.value), [0, 1, 1, 1, 0]);
  assert.equal(smoothingWindow(10), 1);
  assert.equal(smoothingWindow(5000), 100);
});

Deno.test("stride and envelope bound the point count; envelope keeps spikes", () => {
  const pts: Point[] = Array.from(
    { length: 5000 },
    (_, i) => ({ step: i + 1, value: i === 2345 ? 1e6 : 1 }),
  );
  const s = stride(pts, 300);
  assert.ok(s.length <= 301);
  assert.equal(s[s.length - 1].step, 5000);
  const e = envelope(pts, 300);
  assert.ok(e.length <= 300);
  assert.ok(e.some((p) => p.value === 1e6));
  assert.ok(e.every((p, i) => i === 0 || p.step > e[i - 1].step));
});

Deno.test("firstExplodingStep finds the first huge or non-finite loss", () => {
  assert.equal(firstExplodingStep([rec(1, 0.5, 1), rec(2, 0.5, 2)]), null);
  assert.equal(
    firstExplodingStep([rec(1, 0.5, 1), rec(2, 500, 2), rec(3, null, 2)]),
    2,
  );
  assert.equal(firstExplodingStep([rec(1, 0.5, 1), rec(2, null, 2)]), 2);
});
