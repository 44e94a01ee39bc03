import assert from "node:assert/strict";
import { backend_util } from "@tensorflow/tfjs";
import { alignPhases, type AxisPhase, planAxis } from "./conv2d_backprop_input.ts";
import { assertWasmMatchesCpu, randomTensor, readyBackends } from "./testing.ts";

/** 1-D transposed convolution straight from its definition. */
function naive(
  dy: number[],
  w: number[],
  outLen: number,
  stride: number,
  padBefore: number,
): number[] {
  const out = new Array<number>(outLen).fill(0);
  dy.forEach((d, p) =>
    w.forEach((wi, i) => {
      const h = stride * p - padBefore + i;
      if (h >= 0 && h < outLen) out[h] += d * wi;
    })
  );
  return out;
}

/** The same via per-phase stride-1 correlations, as the kernel does it. */
function viaPhases(
  phases: AxisPhase[],
  perPhase: number,
  dy: number[],
  w: number[],
  outLen: number,
): number[] {
  const out = new Array<number>(outLen).fill(0);
  phases.forEach(({ taps, padBefore, padAfter }, r) => {
    assert.ok(padBefore >= 0 && padAfter >= 0, "paddings must be >= 0");
    assert.equal(dy.length + padBefore + padAfter - taps.length + 1, perPhase);
    for (let m = 0; m < perPhase; m++) {
      const h = r + phases.length * m;
      if (h >= outLen) continue;
      taps.forEach((i, u) => {
        const p = m - padBefore + u;
        if (i >= 0 && p >= 0 && p < dy.length) out[h] += dy[p] * w[i];
      });
    }
  });
  return out;
}

Deno.test("planAxis and alignPhases reproduce the 1-D transposed conv exactly", () => {
  let checked = 0;
  for (let stride = 1; stride <= 4; stride++) {
    for (let kernel = 1; kernel <= 6; kernel++) {
      for (let outLen = 1; outLen <= 12; outLen++) {
        for (let inLen = 1; inLen <= outLen + 2; inLen++) {
          for (let pad = 0; pad <= kernel + 1; pad++) {
            // Small integers: sums are exact, so equality must be exact.
            const dy = Array.from({ length: inLen }, (_, i) => i % 5 - 2);
            const w = Array.from({ length: kernel }, (_, i) => 3 - i * 2);
            const expected = naive(dy, w, outLen, stride, pad);
            const plan = planAxis(outLen, inLen, kernel, stride, pad);
            const context = JSON.stringify({ stride, kernel, outLen, inLen, pad });
            assert.deepEqual(
              viaPhases(plan.phases, plan.perPhase, dy, w, outLen),
              expected,
              context,
            );
            const aligned = alignPhases(plan);
            assert.equal(new Set(aligned.map((p) => p.padBefore)).size, 1);
            assert.equal(new Set(aligned.map((p) => p.taps.length)).size, 1);
            assert.deepEqual(
              viaPhases(aligned, plan.perPhase, dy, w, outLen),
              expected,
              `aligned ${context}`,
            );
            checked++;
          }
        }
      }
    }
  }
  assert.ok(checked > 1000);
});

type Pad = "same" | "valid" | number | [
  [number, number],
  [number, number],
  [number, number],
  [number, number],
];

/** [output (forward x) shape, filter shape, strides, pad] */
const CASES: [number[], number[], number | [number, number], Pad][] = [
  [[2, 9, 8, 3], [3, 3, 3, 4], 1, "same"],
  [[2, 9, 8, 3], [3, 3, 3, 4], 1, "valid"],
  [[2, 9, 8, 3], [3, 3, 3, 4], 2, "same"],
  [[2, 9, 8, 3], [4, 4, 3, 4], 2, "valid"],
  [[2, 9, 8, 3], [4, 4, 3, 4], 2, "same"],
  [[3, 10, 11, 2], [5, 5, 2, 3], 3, "valid"],
  [[3, 10, 11, 2], [5, 5, 2, 3], 3, "same"],
  [[3, 10, 11, 2], [1, 1, 2, 3], 3, "same"],
  [[3, 10, 11, 2], [1, 1, 2, 3], 2, "valid"],
  [[3, 10, 11, 1], [3, 3, 1, 4], 3, "valid"],
  [[3, 10, 11, 2], [3, 3, 2, 1], 3, 1],
  [[3, 10, 11, 2], [3, 5, 2, 1], [2, 3], [[0, 0], [3, 0], [1, 4], [0, 0]]],
  [[2, 7, 8, 2], [4, 3, 2, 5], [1, 2], "same"],
  [[2, 8, 7, 1], [5, 4, 1, 3], [3, 2], "valid"],
  [[3, 2, 2, 2], [5, 5, 2, 3], 3, "same"],
  [[2, 6, 6, 8], [4, 4, 8, 1], 2, "same"],
  // The GAN's layers, batch reduced: the cpu reference is slow.
  [[2, 14, 14, 64], [5, 5, 64, 128], 2, "same"],
  [[4, 28, 28, 1], [5, 5, 1, 64], 2, "same"],
  [[4, 28, 28, 1], [5, 5, 1, 32], 2, "same"],
  [[4, 28, 28, 1], [5, 5, 1, 16], 2, "same"],
];

Deno.test("Conv2DBackpropInput on wasm matches cpu", async (t) => {
  await readyBackends();
  let seed = 100;
  for (const [inputShape, filterShape, strides, pad] of CASES) {
    const context = JSON.stringify({ inputShape, filterShape, strides, pad });
    await t.step(context, () => {
      const info = backend_util.computeConv2DInfo(
        inputShape as [number, number, number, number],
        filterShape as [number, number, number, number],
        strides,
        1,
        pad,
      );
      assertWasmMatchesCpu(
        "Conv2DBackpropInput",
        {
          dy: randomTensor(info.outShape, seed++),
          filter: randomTensor(filterShape, seed++),
        },
        { strides, pad, dataFormat: "NHWC", inputShape },
        context,
      );
    });
  }
});

Deno.test("Conv2DBackpropInput falls back to the built-in kernel for NCHW", async () => {
  await readyBackends();
  assertWasmMatchesCpu(
    "Conv2DBackpropInput",
    {
      dy: randomTensor([2, 4, 4, 5], 1),
      filter: randomTensor([3, 3, 3, 4], 2),
    },
    { strides: 2, pad: "same", dataFormat: "NCHW", inputShape: [2, 3, 8, 9] },
    "NCHW",
  );
});
