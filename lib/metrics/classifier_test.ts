import assert from "node:assert/strict";
import { initBackend } from "../backend/backend.ts";
import { loadMnist, PIXELS } from "../data/mnist.ts";
import { UsageError } from "../errors.ts";
import {
  CLASSIFIER_PROFILES,
  classifierDir,
  FEATURE_DIM,
  getClassifier,
  validateClassifierOptions,
} from "./classifier.ts";

Deno.test("classifier options are validated", () => {
  for (const profile of Object.values(CLASSIFIER_PROFILES)) {
    validateClassifierOptions(profile);
  }
  const ok = CLASSIFIER_PROFILES.smoke;
  assert.throws(() => validateClassifierOptions({ ...ok, epochs: 0 }), UsageError);
  assert.throws(() => validateClassifierOptions({ ...ok, batchSize: 1.5 }), UsageError);
  assert.throws(() => validateClassifierOptions({ ...ok, seed: -1 }), UsageError);
  assert.throws(
    () => validateClassifierOptions({ ...ok, trainSamples: 10, batchSize: 64 }),
    UsageError,
  );
});

Deno.test("classifierDir depends on every option", async () => {
  const base = CLASSIFIER_PROFILES.smoke;
  const dirs = new Set(
    await Promise.all([
      classifierDir("/c", base),
      classifierDir("/c", { ...base, epochs: base.epochs + 1 }),
      classifierDir("/c", { ...base, trainSamples: base.trainSamples + 1 }),
      classifierDir("/c", { ...base, batchSize: base.batchSize + 1 }),
      classifierDir("/c", { ...base, seed: base.seed + 1 }),
    ]),
  );
  assert.equal(dirs.size, 5);
  assert.match([...dirs][0], /^\/c\/classifier-[0-9a-f]{16}$/);
});

Deno.test("classifier: smoke profile learns, caches, and embeds", async () => {
  await initBackend();
  const cache = await Deno.makeTempDir();
  try {
    const lines: string[] = [];
    const first = await getClassifier(cache, CLASSIFIER_PROFILES.smoke, (l) => lines.push(l));
    assert.ok(first.testAccuracy > 0.8, `test accuracy ${first.testAccuracy}`);
    assert.ok(lines.some((l) => l.includes("training")), lines.join("\n"));
    const dir = await classifierDir(cache, CLASSIFIER_PROFILES.smoke);
    const meta = JSON.parse(await Deno.readTextFile(`${dir}/meta.json`));
    assert.equal(meta.test_accuracy, first.testAccuracy);
    assert.deepEqual([...Deno.readDirSync(cache)].map((e) => e.name), [dir.split("/").pop()]);

    const test = await loadMnist("test");
    const n = 7;
    const images = test.images.subarray(0, n * PIXELS);
    const a = first.embed(images, n);
    assert.equal(a.featureDim, FEATURE_DIM);
    assert.equal(a.features.length, n * FEATURE_DIM);
    assert.equal(a.probs.length, n * 10);
    for (let i = 0; i < n; i++) {
      const sum = a.probs.subarray(i * 10, i * 10 + 10).reduce((s, v) => s + v, 0);
      assert.ok(Math.abs(sum - 1) < 1e-5, `row ${i} sums to ${sum}`);
    }
    assert.ok(a.features.every((v) => v >= 0), "features come after a ReLU");
    assert.throws(() => first.embed(images, n + 1), RangeError);

    const relog: string[] = [];
    const second = await getClassifier(cache, CLASSIFIER_PROFILES.smoke, (l) => relog.push(l));
    assert.ok(!relog.some((l) => l.includes("training")), relog.join("\n"));
    assert.equal(second.testAccuracy, first.testAccuracy);
    const b = second.embed(images, n);
    assert.deepEqual(b.probs, a.probs);
    assert.deepEqual(b.features, a.features);
    first.dispose();
    second.dispose();
  } finally {
    await Deno.remove(cache, { recursive: true });
  }
});
