import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { ARCHITECTURES, paramCount } from "./architectures.ts";
import { buildModel, trainableCount } from "./build.ts";
import { loadWeights, saveWeights } from "./weights.ts";

await tf.setBackend("cpu");

Deno.test("built models have PyTorch's trainable parameter counts and shapes", () => {
  for (const arch of Object.values(ARCHITECTURES)) {
    const model = buildModel(arch);
    assert.equal(trainableCount(model), paramCount(arch), arch.name);
    const out = model.outputs[0].shape;
    assert.deepEqual(
      out,
      arch.role === "generator" ? [null, 28, 28, 1] : [null, 1],
      arch.name,
    );
    model.dispose();
  }
});

Deno.test("initialisation follows PyTorch: weights and biases within ±1/√fan_in", () => {
  const model = buildModel(ARCHITECTURES.base_d);
  const [k1, b1] = model.layers[0].getWeights();
  const bound = 1 / Math.sqrt(25);
  for (const t of [k1, b1]) {
    const max = Math.max(...Array.from(t.dataSync(), Math.abs));
    assert.ok(
      max <= bound && max > 0.8 * bound,
      `max |w| ${max} vs bound ${bound}`,
    );
  }
  model.dispose();
});

Deno.test("the reduced generator cannot output below 0 (ReLU before Tanh, as in the seed)", () => {
  const model = buildModel(ARCHITECTURES.reduced_g);
  const out = tf.tidy(() => (model.predict(tf.randomNormal([4, 100])) as tf.Tensor).min());
  assert.ok(out.dataSync()[0] >= 0);
  model.dispose();
});

Deno.test("weights round-trip through saveWeights/loadWeights", async () => {
  const dir = await Deno.makeTempDir();
  const a = buildModel(ARCHITECTURES.reduced_d);
  const b = buildModel(ARCHITECTURES.reduced_d);
  await saveWeights(a, dir);
  await loadWeights(b, dir);
  const x = tf.randomNormal([2, 28, 28, 1]);
  const ya = (a.predict(x) as tf.Tensor).dataSync();
  const yb = (b.predict(x) as tf.Tensor).dataSync();
  assert.deepEqual([...yb], [...ya]);
  const c = buildModel(ARCHITECTURES.base_d);
  await assert.rejects(loadWeights(c, dir), /shapes do not match/);
  await Deno.writeFile(`${dir}/weights.bin`, new Uint8Array(8));
  await assert.rejects(loadWeights(b, dir), /weights.bin: 8 bytes/);
  x.dispose();
  [a, b, c].forEach((m) => m.dispose());
  await Deno.remove(dir, { recursive: true });
});
