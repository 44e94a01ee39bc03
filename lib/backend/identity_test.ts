import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { readyBackends } from "./testing.ts";

Deno.test("Identity on wasm shares the input's data, safely", async () => {
  await readyBackends();
  const before = tf.memory().numBytes;
  const buffers = () => tf.engine().backend.numDataIds();
  const x = tf.tensor([1, 2, 3, 4], [2, 2]);
  const n = buffers();
  const y = tf.clone(x);
  assert.equal(buffers(), n, "no second buffer");
  x.dispose();
  assert.deepEqual(Array.from(y.dataSync()), [1, 2, 3, 4], "the copy outlives its source");
  const v = tf.variable(y);
  const saved = tf.clone(v);
  const nines = tf.tensor([9, 9, 9, 9], [2, 2]);
  v.assign(nines);
  assert.deepEqual(Array.from(saved.dataSync()), [1, 2, 3, 4], "assign does not write through");
  const strings = tf.tensor(["a", "b"]);
  const s = tf.clone(strings);
  assert.deepEqual(s.dataSync(), ["a", "b"]);
  tf.dispose([y, v, saved, nines, strings, s]);
  assert.equal(tf.memory().numBytes, before);
});
