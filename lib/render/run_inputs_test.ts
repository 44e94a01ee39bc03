import assert from "node:assert/strict";
import { sampleStem } from "../run/run_dir.ts";
import { FIXED_NOISE_COUNT } from "../run/types.ts";
import { lastFiniteSnapshot, mtime, readMetrics, spreadSteps } from "./run_inputs.ts";

Deno.test("spreadSteps keeps first and last and at most max", () => {
  assert.deepEqual(spreadSteps([0, 1, 2], 10), [0, 1, 2]);
  const s = spreadSteps(Array.from({ length: 101 }, (_, i) => i * 10), 5);
  assert.deepEqual(s, [0, 250, 500, 750, 1000]);
});

Deno.test("lastFiniteSnapshot skips NaN and truncated snapshots", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.mkdir(`${dir}/samples`);
    const write = (step: number, values: Float32Array) =>
      Deno.writeFile(
        `${dir}/${sampleStem(step)}.f32`,
        new Uint8Array(values.buffer),
      );
    assert.equal(await lastFiniteSnapshot(dir), null);
    await write(10, new Float32Array(FIXED_NOISE_COUNT * 784).fill(0.25));
    await write(20, new Float32Array(FIXED_NOISE_COUNT * 784).fill(NaN));
    await write(30, new Float32Array(100));
    const snap = await lastFiniteSnapshot(dir);
    assert.equal(snap?.step, 10);
    assert.equal(snap?.images[0], 0.25);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("readMetrics keeps well-typed fields, null when absent, throws on broken JSON", async () => {
  const dir = await Deno.makeTempDir();
  try {
    assert.equal(await readMetrics(`${dir}/metrics.json`), null);
    assert.equal(await mtime(`${dir}/metrics.json`), null);
    await Deno.writeTextFile(
      `${dir}/metrics.json`,
      JSON.stringify({
        fid: 3.5,
        classifier_score: "high",
        class_histogram: [1, 2],
        classes_covered: 4,
      }),
    );
    assert.deepEqual(await readMetrics(`${dir}/metrics.json`), {
      fid: 3.5,
      classifier_score: undefined,
      confident_fraction: undefined,
      class_histogram: undefined,
      classes_covered: 4,
      n: undefined,
    });
    await Deno.writeTextFile(`${dir}/metrics.json`, "{");
    await assert.rejects(() => readMetrics(`${dir}/metrics.json`), {
      name: "DataError",
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
