import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { makeBatchMatMul } from "./mat_mul.ts";
import {
  assertWasmMatchesCpu,
  type KernelPath,
  pathTaken,
  poisonWasmHeap,
  randomTensor,
  readyBackends,
  runKernel,
} from "./testing.ts";

interface Case {
  name: string;
  a: number[];
  b: number[];
  transposeA: boolean;
  transposeB: boolean;
  path: KernelPath;
}

const c = (
  name: string,
  a: number[],
  b: number[],
  transposeA: boolean,
  transposeB: boolean,
  path: KernelPath,
): Case => ({ name, a, b, transposeA, transposeB, path });

// m and n are the output's rows and columns; MIN_OTHER_DIM in mat_mul.ts is 8.
const CASES: Case[] = [
  // Untransposed: always the built-in kernel.
  c("plain, rank 2", [5, 7], [7, 9], false, false, "builtin"),
  c("plain, batch 3", [3, 5, 7], [3, 7, 9], false, false, "builtin"),
  // transposeA with n below the threshold, and transposeB with m below it.
  c("tA, n = 7 < 8", [6, 10], [6, 7], true, false, "builtin"),
  c("tB, m = 7 < 8", [7, 6], [12, 6], false, true, "builtin"),
  c("tA tB, n = 5 < 8", [6, 10], [5, 6], true, true, "builtin"),
  c("tA tB, m = 4 < 8", [6, 4], [12, 6], true, true, "builtin"),
  // Batch > 1 (on either side, also broadcast against a batch of 1).
  c("tA, batch 3", [3, 6, 10], [3, 6, 12], true, false, "builtin"),
  c("tB, batch 3", [3, 10, 6], [3, 12, 6], false, true, "builtin"),
  c("tA tB, batch 2", [2, 6, 10], [2, 12, 6], true, true, "builtin"),
  c("tB, a batch 1, b batch 3", [1, 10, 6], [3, 12, 6], false, true, "builtin"),
  c("tA, a batch 3, b rank 2", [3, 6, 10], [6, 12], true, false, "builtin"),
  c("tB, rank 4, batch [2, 1]", [2, 1, 10, 6], [1, 1, 12, 6], false, true, "builtin"),
  // Empty operands.
  c("tA, inner dimension 0", [0, 10], [0, 12], true, false, "builtin"),
  c("tB, inner dimension 0", [10, 0], [12, 0], false, true, "builtin"),
  c("tA, m = 0", [6, 0], [6, 12], true, false, "builtin"),
  // The project's path: a transpose, then XNNPACK.
  c("tA, rank 2", [6, 10], [6, 12], true, false, "own"),
  c("tA, n = 8 (threshold)", [5, 9], [5, 8], true, false, "own"),
  c("tB, rank 2", [10, 6], [12, 6], false, true, "own"),
  c("tB, m = 8 (threshold)", [8, 5], [9, 5], false, true, "own"),
  c("tA tB, rank 2", [6, 10], [12, 6], true, true, "own"),
  c("tA tB, m = n = 8", [3, 8], [8, 3], true, true, "own"),
  c("tA, rank 3, batch 1", [1, 6, 10], [1, 6, 12], true, false, "own"),
  c("tB, rank 4, batch 1", [1, 1, 10, 6], [1, 1, 12, 6], false, true, "own"),
  c("tA tB, rank 3, batch 1", [1, 6, 10], [1, 12, 6], true, true, "own"),
  c("tA, a rank 3 batch 1, b rank 2", [1, 6, 10], [6, 12], true, false, "own"),
  c("tB, a rank 2, b rank 4 batch 1", [10, 6], [1, 1, 12, 6], false, true, "own"),
  c("tB, inner dimension 1", [9, 1], [11, 1], false, true, "own"),
  // The GAN's dense layers at batch 8 (G's 100→6272, D's 6272→1).
  c("G 100→6272 forward x·W", [8, 100], [100, 6272], false, false, "builtin"),
  c("G 100→6272 dW = xᵀ·dy", [8, 100], [8, 6272], true, false, "own"),
  c("G 100→6272 dx = dy·Wᵀ", [8, 6272], [100, 6272], false, true, "own"),
  c("D 6272→1 forward x·W", [8, 6272], [6272, 1], false, false, "builtin"),
  c("D 6272→1 dW = xᵀ·dy (n = 1)", [8, 6272], [8, 1], true, false, "builtin"),
  c("D 6272→1 dx = dy·Wᵀ, batch 8", [8, 1], [6272, 1], false, true, "own"),
  c("D 6272→1 dx = dy·Wᵀ, batch 4 (m < 8)", [4, 1], [6272, 1], false, true, "builtin"),
];

Deno.test("BatchMatMul on wasm matches cpu", async (t) => {
  await readyBackends();
  let seed = 1;
  for (const { name, a, b, transposeA, transposeB, path } of CASES) {
    const context = `${name} ${JSON.stringify({ a, b, transposeA, transposeB })}`;
    await t.step(context, () => {
      const inputs = { a: randomTensor(a, seed++), b: randomTensor(b, seed++) };
      const attrs = { transposeA, transposeB };
      assert.equal(pathTaken(makeBatchMatMul, inputs, attrs), path, `${context}: code path`);
      const m = transposeA ? a.at(-1)! : a.at(-2)!;
      const n = transposeB ? b.at(-2)! : b.at(-1)!;
      const batch = Math.max(
        tf.util.sizeFromShape(a.slice(0, -2)),
        tf.util.sizeFromShape(b.slice(0, -2)),
      );
      poisonWasmHeap(batch * m * n);
      assertWasmMatchesCpu("BatchMatMul", inputs, attrs, context);
    });
  }
});

Deno.test("BatchMatMul on wasm rejects mismatched inner dimensions without leaking", async (t) => {
  await readyBackends();
  const cases: [number[], number[], boolean, boolean][] = [
    [[6, 10], [5, 12], true, false],
    [[10, 6], [12, 5], false, true],
    [[6, 10], [12, 5], true, true],
  ];
  for (const [a, b, transposeA, transposeB] of cases) {
    const attrs = { transposeA, transposeB };
    const inputs = { a: randomTensor(a, 1), b: randomTensor(b, 2) };
    const context = JSON.stringify({ a, b, ...attrs });
    await t.step(context, () => {
      // Rejected inside the project's path: a fallback would return "builtin".
      assert.throws(() => pathTaken(makeBatchMatMul, inputs, attrs), /inner shapes/);
      const backend = tf.engine().findBackend("wasm")!;
      const before = backend.numDataIds();
      assert.throws(() => runKernel("wasm", "BatchMatMul", inputs, attrs), /inner shapes/);
      assert.equal(backend.numDataIds(), before, "intermediates freed on failure");
    });
  }
});
