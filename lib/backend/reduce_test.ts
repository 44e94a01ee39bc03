import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { leadingAxes, makeMean, makeSum, sumRows } from "./reduce.ts";
import {
  assertWasmMatchesCpu,
  type KernelPath,
  pathTaken,
  poisonWasmHeap,
  randomTensor,
  readyBackends,
} from "./testing.ts";

type Axis = number | number[] | null;

/** [x shape, axis, keepDims, path] */
const CASES: [number[], Axis, boolean, KernelPath][] = [
  // Leading axes: the project's path.
  [[5, 7], [0], false, "own"],
  [[5, 7], [0], true, "own"],
  [[5, 7], 0, false, "own"],
  [[4, 3, 5], [0, 1], false, "own"],
  [[4, 3, 5], [1, 0], true, "own"],
  [[4, 3, 5], [0, 1, 2], false, "own"],
  [[4, 3, 5], [0, 1, 2], true, "own"],
  // What tf.sum(x) and tf.mean(x) pass: every axis.
  [[4, 3, 5], null, false, "own"],
  [[9], 0, false, "own"],
  [[9], -1, true, "own"],
  [[2, 3, 4, 5], [-4, -3], false, "own"],
  [[2, 3, 4, 5], [-2, 0, 1], true, "own"],
  [[1, 1, 1, 16], [0, 1, 2], false, "own"],
  // The GAN: batch-norm statistics and gradients, dense bias gradients, the loss.
  [[8, 14, 14, 64], [0, 1, 2], false, "own"],
  [[8, 14, 14, 64], [0, 1, 2], true, "own"],
  [[8, 7, 7, 128], [0, 1, 2], true, "own"],
  [[8, 6272], [0], false, "own"],
  [[64, 1], null, false, "own"],
  // Not a prefix of the axes: the built-in kernel.
  [[5, 7], [1], false, "builtin"],
  [[5, 7], -1, true, "builtin"],
  [[2, 3, 4, 5], [1, 2], false, "builtin"],
  [[2, 3, 4, 5], [0, 2], false, "builtin"],
  [[2, 3, 4, 5], [0, 1, 3], true, "builtin"],
  [[2, 3, 4, 5], [3], true, "builtin"],
  [[2, 3, 4, 5], [], false, "builtin"],
  [[8, 14, 14, 64], [1, 2], false, "builtin"],
  [[], [], false, "builtin"],
  // Empty inputs: the built-in kernels leave the output unwritten, so the project's writes zeros.
  [[3, 0], [0], false, "own"],
  [[0, 3], [1], true, "own"],
  [[0, 64], [0], false, "own"],
  [[0, 2, 64], [0, 1], true, "own"],
  [[4, 16, 0], [2], false, "own"],
];

for (const [kernel, make] of [["Sum", makeSum], ["Mean", makeMean]] as const) {
  Deno.test(`${kernel} on wasm matches cpu`, async (t) => {
    await readyBackends();
    let seed = 1;
    for (const [shape, axis, keepDims, path] of CASES) {
      const context = JSON.stringify({ shape, axis, keepDims });
      await t.step(context, () => {
        const x = randomTensor(shape, seed++);
        const attrs = { axis, keepDims };
        assert.equal(pathTaken(make, { x }, attrs), path, `${context}: code path`);
        const reduced = new Set(tf.util.parseAxisParam(axis as number[], shape));
        poisonWasmHeap(tf.util.sizeFromShape(shape.filter((_, i) => !reduced.has(i))));
        assertWasmMatchesCpu(kernel, { x }, attrs, context);
      });
    }
  });
}

Deno.test("leadingAxes names exactly a non-empty prefix", () => {
  const shape = [2, 3, 4];
  assert.equal(leadingAxes(0, shape), 1);
  assert.equal(leadingAxes([0, 1], shape), 2);
  assert.equal(leadingAxes([1, 0], shape), 2);
  assert.equal(leadingAxes([0, 1, 2], shape), 3);
  assert.equal(leadingAxes(-3, shape), 1);
  assert.equal(leadingAxes([-2, -3], shape), 2);
  assert.equal(leadingAxes([1], shape), -1);
  assert.equal(leadingAxes([0, 2], shape), -1);
  assert.equal(leadingAxes(-1, shape), -1);
  assert.equal(leadingAxes([], shape), -1);
});

Deno.test("sumRows sums columns", () => {
  const x = new Float32Array([1, 2, 3, 4, 5, 6]);
  assert.deepEqual(Array.from(sumRows(x, 2, 3)), [5, 7, 9]);
  assert.deepEqual(Array.from(sumRows(x, 1, 6)), [1, 2, 3, 4, 5, 6]);
  assert.deepEqual(Array.from(sumRows(x, 6, 1)), [21]);
  assert.deepEqual(Array.from(sumRows(x, 0, 3)), [0, 0, 0]);
  // Accumulated in float64: float32 would lose the 1s next to 2^24.
  const big = new Float32Array([2 ** 24, 1, 1, -(2 ** 24)]);
  assert.deepEqual(Array.from(sumRows(big, 4, 1)), [2]);
});
