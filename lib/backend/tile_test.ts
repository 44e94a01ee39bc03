import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { makeTile, tileInto } from "./tile.ts";
import {
  assertWasmMatchesCpu,
  pathTaken,
  poisonWasmHeap,
  randomTensor,
  readyBackends,
} from "./testing.ts";

/** [x shape, reps] */
const CASES: [number[], number[]][] = [
  // Rank 0: the kernel's special case.
  [[], []],
  // Rank 1.
  [[5], [3]],
  [[5], [1]],
  [[1], [7]],
  // Rank 2.
  [[3, 4], [2, 3]],
  [[3, 4], [1, 2]],
  [[3, 4], [2, 1]],
  [[1, 4], [5, 1]],
  [[3, 1], [1, 6]],
  // Rank 3.
  [[2, 3, 4], [2, 1, 3]],
  [[2, 3, 4], [1, 1, 1]],
  [[1, 3, 1], [4, 1, 5]],
  [[2, 1, 3], [1, 4, 1]],
  // Rank 4, including batch norm's [1,1,1,C] → [N,H,W,C].
  [[1, 1, 1, 64], [8, 14, 14, 1]],
  [[1, 1, 1, 128], [4, 7, 7, 1]],
  [[1, 1, 1, 1], [2, 3, 4, 5]],
  [[2, 3, 1, 2], [1, 2, 3, 2]],
  [[2, 1, 3, 1], [3, 4, 1, 2]],
  [[2, 2, 2, 2], [2, 2, 2, 2]],
  // Rank 5.
  [[2, 1, 2, 1, 3], [1, 2, 2, 3, 1]],
  // Empty: nothing to copy.
  [[0, 3], [2, 2]],
  [[2, 3], [0, 2]],
  [[2, 3, 1], [2, 1, 0]],
];

Deno.test("Tile on wasm matches cpu", async (t) => {
  await readyBackends();
  let seed = 1;
  for (const [shape, reps] of CASES) {
    const context = JSON.stringify({ shape, reps });
    await t.step(context, () => {
      const x = randomTensor(shape, seed++);
      // Only string tensors fall back; every float32 case is the project's copy.
      assert.equal(
        pathTaken(makeTile, { x }, { reps }),
        "own",
        `${context}: project's kernel used`,
      );
      poisonWasmHeap(tf.util.sizeFromShape(shape.map((d, i) => d * reps[i])));
      assertWasmMatchesCpu("Tile", { x }, { reps }, context);
    });
  }
});

Deno.test("tileInto on hand-checked values", async (t) => {
  const tiled = <T extends Float32Array | Int32Array | Uint8Array>(
    x: T,
    shape: number[],
    reps: number[],
    out: T,
  ): number[] => {
    tileInto(x, shape, reps, out);
    return Array.from(out);
  };
  await t.step("rank 0", () => {
    assert.deepEqual(tiled(new Float32Array([5]), [], [], new Float32Array(1)), [5]);
  });
  await t.step("rank 1, int32", () => {
    assert.deepEqual(
      tiled(new Int32Array([7, 8, 9]), [3], [2], new Int32Array(6)),
      [7, 8, 9, 7, 8, 9],
    );
  });
  await t.step("rank 2, reps [2, 3]", () => {
    assert.deepEqual(
      tiled(new Float32Array([1, 2, 3, 4]), [2, 2], [2, 3], new Float32Array(24)),
      [
        [1, 2, 1, 2, 1, 2],
        [3, 4, 3, 4, 3, 4],
        [1, 2, 1, 2, 1, 2],
        [3, 4, 3, 4, 3, 4],
      ].flat(),
    );
  });
  await t.step("rank 2, reps [1, 1] copies", () => {
    assert.deepEqual(
      tiled(new Float32Array([1, 2, 3, 4, 5, 6]), [2, 3], [1, 1], new Float32Array(6)),
      [1, 2, 3, 4, 5, 6],
    );
  });
  await t.step("rank 3, bool as uint8, reps [1, 2, 2]", () => {
    // [[[1, 0]], [[0, 1]]] → shape [2, 2, 4].
    assert.deepEqual(
      tiled(new Uint8Array([1, 0, 0, 1]), [2, 1, 2], [1, 2, 2], new Uint8Array(16)),
      [
        [[1, 0, 1, 0], [1, 0, 1, 0]],
        [[0, 1, 0, 1], [0, 1, 0, 1]],
      ].flat(2),
    );
  });
  await t.step("rank 4, batch-norm broadcast [1,1,1,2] → [2,1,2,2]", () => {
    assert.deepEqual(
      tiled(new Float32Array([10, 20]), [1, 1, 1, 2], [2, 1, 2, 1], new Float32Array(8)),
      [10, 20, 10, 20, 10, 20, 10, 20],
    );
  });
  await t.step("rank 3, reps on the outer axis only", () => {
    // [[[1], [2]], [[3], [4]]] tiled [3, 1, 1]: the whole block three times.
    assert.deepEqual(
      tiled(new Float32Array([1, 2, 3, 4]), [2, 2, 1], [3, 1, 1], new Float32Array(12)),
      [1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4],
    );
  });
  await t.step("writes nothing past the tiled size", () => {
    const out = new Float32Array(8).fill(-1);
    tileInto(new Float32Array([1, 2]), [1, 2], [3, 1], out);
    assert.deepEqual(Array.from(out), [1, 2, 1, 2, 1, 2, -1, -1]);
  });
});
