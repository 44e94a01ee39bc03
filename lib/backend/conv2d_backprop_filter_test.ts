import assert from "node:assert/strict";
import { backend_util } from "@tensorflow/tfjs";
import { trailingPad } from "./conv2d_backprop_filter.ts";
import { assertWasmMatchesCpu, randomTensor, readyBackends } from "./testing.ts";

type Pad = "same" | "valid" | number | [
  [number, number],
  [number, number],
  [number, number],
  [number, number],
];

/** [x shape, filter shape, strides, pad] */
const CASES: [number[], number[], number | [number, number], Pad][] = [
  [[2, 9, 8, 3], [3, 3, 3, 4], 1, "same"],
  [[2, 9, 8, 3], [3, 3, 3, 4], 1, "valid"],
  [[2, 9, 8, 3], [3, 3, 3, 4], 2, "same"],
  [[2, 9, 8, 3], [4, 4, 3, 4], 2, "valid"],
  [[3, 8, 8, 2], [4, 4, 2, 1], 2, "same"],
  [[3, 10, 11, 2], [5, 5, 2, 3], 3, "valid"],
  [[3, 10, 11, 2], [5, 5, 2, 3], 3, "same"],
  // Valid, stride 3 over 10 rows: the last row is never read (negative pad).
  [[2, 10, 10, 1], [3, 3, 1, 2], 3, "valid"],
  [[2, 7, 6, 4], [1, 1, 4, 5], 2, "valid"],
  [[2, 7, 6, 4], [1, 1, 4, 5], 3, "same"],
  [[2, 7, 9, 3], [3, 5, 3, 2], [2, 3], "same"],
  [[2, 7, 9, 3], [3, 3, 3, 2], 2, 1],
  [[2, 7, 9, 3], [3, 4, 3, 2], [3, 2], [[0, 0], [2, 0], [1, 3], [0, 0]]],
  [[1, 2, 2, 2], [5, 5, 2, 3], 3, "same"],
  // The GAN's layers, batch reduced: the cpu reference runs at ~10 MFLOP/s.
  [[8, 28, 28, 1], [5, 5, 1, 64], 2, "same"],
  [[2, 14, 14, 64], [5, 5, 64, 128], 2, "same"],
  [[4, 28, 28, 1], [5, 5, 1, 16], 2, "same"],
  [[4, 28, 28, 1], [5, 5, 1, 32], 2, "same"],
];

Deno.test("Conv2DBackpropFilter on wasm matches cpu", async (t) => {
  await readyBackends();
  let seed = 1;
  for (const [xShape, filterShape, strides, pad] of CASES) {
    const context = JSON.stringify({ xShape, filterShape, strides, pad });
    await t.step(context, () => {
      const info = backend_util.computeConv2DInfo(
        xShape as [number, number, number, number],
        filterShape as [number, number, number, number],
        strides,
        1,
        pad,
      );
      assertWasmMatchesCpu(
        "Conv2DBackpropFilter",
        {
          x: randomTensor(xShape, seed++),
          dy: randomTensor(info.outShape, seed++),
        },
        { strides, pad, dataFormat: "NHWC", filterShape },
        context,
      );
    });
  }
});

Deno.test("trailingPad yields exactly the filter size", () => {
  // 28 rows, 'same' k5 s2: pad 1 before, 14 dy rows at dilation 2.
  assert.equal(trailingPad(28, 1, 14, 2, 5), 2);
  // Valid k3 s3 over 10 rows: 3 outputs read rows 0..8, row 9 never.
  assert.equal(trailingPad(10, 0, 3, 3, 3), -1);
});
