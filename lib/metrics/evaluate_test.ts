import assert from "node:assert/strict";
import { PIXELS } from "../data/mnist.ts";
import { DataError } from "../errors.ts";
import { writeJsonAtomic } from "../fs_atomic.ts";
import { uniform } from "../rng.ts";
import { LATENT_DIM } from "../run/types.ts";
import type { Classifier, Embedding } from "./classifier.ts";
import {
  evaluateImages,
  evaluateRun,
  GENERATE_CHUNK,
  realBaseline,
  realStats,
  type RunMetrics,
  splitRealSets,
} from "./evaluate.ts";

/**
 * A stand-in for the CNN, so these tests need no training: features are the
 * four quadrant means plus the overall mean, and the class is the image's
 * mean brightness cut into ten bands.
 */
const stubClassifier: Classifier = {
  testAccuracy: 0.5,
  options: { epochs: 1, trainSamples: 10, batchSize: 2, seed: 0 },
  embed(images: Float32Array, n: number): Embedding {
    assert.equal(images.length, n * PIXELS);
    const featureDim = 5;
    const features = new Float64Array(n * featureDim);
    const probs = new Float64Array(n * 10);
    for (let i = 0; i < n; i++) {
      let total = 0;
      for (let p = 0; p < PIXELS; p++) {
        const v = images[i * PIXELS + p];
        const q = (Math.floor(p / 28) < 14 ? 0 : 2) + (p % 28 < 14 ? 0 : 1);
        features[i * featureDim + q] += v / (PIXELS / 4);
        total += v;
      }
      const mean = total / PIXELS;
      features[i * featureDim + 4] = mean;
      const cls = Math.min(9, Math.max(0, Math.floor((mean + 1) * 5)));
      probs.fill(0.01, i * 10, i * 10 + 10);
      probs[i * 10 + cls] = 0.91;
    }
    return { features, featureDim, probs };
  },
  dispose() {},
};

/** n random images with per-image brightness offsets, so they span several "classes". */
function randomImages(seed: number, n: number): Float32Array {
  const u = uniform(seed);
  const out = new Float32Array(n * PIXELS);
  for (let i = 0; i < n; i++) {
    const offset = u() * 1.6 - 0.8;
    for (let p = 0; p < PIXELS; p++) {
      out[i * PIXELS + p] = Math.max(
        -1,
        Math.min(1, offset + (u() - 0.5) * 0.4),
      );
    }
  }
  return out;
}

Deno.test("evaluateImages: a set against itself has fid 0 and sensible scores", () => {
  const x = randomImages(1, 200);
  const m = evaluateImages(stubClassifier, x, 200, x);
  assert.ok(m.fid < 1e-9, `fid ${m.fid}`);
  assert.equal(m.n, 200);
  assert.equal(m.confident_fraction, 1);
  assert.equal(m.class_histogram.reduce((s, v) => s + v, 0), 200);
  assert.ok(m.classes_covered >= 6, `covered ${m.classes_covered}`);
  assert.ok(m.classifier_score > 1);
});

Deno.test("evaluateImages: precomputed real stats give the same result", () => {
  const real = randomImages(2, 100);
  const fake = randomImages(3, 100).map((v) => Math.min(1, v + 0.3));
  const a = evaluateImages(stubClassifier, fake, 100, real);
  const b = evaluateImages(
    stubClassifier,
    fake,
    100,
    realStats(stubClassifier, real, 100),
  );
  assert.deepEqual(a, b);
  assert.ok(a.fid > 0.01, `shifted images should be far: ${a.fid}`);
});

function fakeTestSet(n: number) {
  const images = randomImages(4, n);
  // Tag every image with its index in the first pixel, to trace the split.
  for (let i = 0; i < n; i++) images[i * PIXELS] = i;
  return { n, images, labels: new Uint8Array(n) };
}

Deno.test("splitRealSets: disjoint, deterministic, bounded by half the set", () => {
  const test = fakeTestSet(100);
  const a = splitRealSets(test, 50);
  const b = splitRealSets(test, 50);
  assert.deepEqual(a, b);
  const ids = (set: Float32Array) =>
    Array.from({ length: set.length / PIXELS }, (_, i) => set[i * PIXELS]);
  const all = new Set([...ids(a.reference), ...ids(a.holdout)]);
  assert.equal(all.size, 100);
  assert.throws(() => splitRealSets(test, 51));
  const baseline = realBaseline(stubClassifier, test, 50);
  assert.equal(baseline.n, 50);
  assert.ok(Number.isFinite(baseline.fid));
});

async function makeRun(dir: string, step: number, lines: number) {
  await writeJsonAtomic(`${dir}/config.json`, { id: "run-abc" });
  await writeJsonAtomic(`${dir}/status.json`, {
    state: "done",
    step,
    steps: step,
  });
  await Deno.writeTextFile(
    `${dir}/losses.jsonl`,
    Array.from({ length: lines }, (_, i) => JSON.stringify({ step: i + 1 }))
      .map((l) => l + "\n").join(""),
  );
}

/** A "generator" that maps each latent vector's first coordinate to brightness; records chunk sizes. */
function stubGenerator(calls: number[]) {
  return (z: Float32Array, n: number): Float32Array => {
    calls.push(n);
    assert.equal(z.length, n * LATENT_DIM);
    const out = new Float32Array(n * PIXELS);
    for (let i = 0; i < n; i++) {
      out.fill(Math.tanh(z[i * LATENT_DIM]), i * PIXELS, (i + 1) * PIXELS);
    }
    return out;
  };
}

Deno.test("evaluateRun: writes metrics.json, reuses it, recomputes when the run changes", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await makeRun(dir, 10, 10);
    const n = GENERATE_CHUNK + 20;
    const real = randomImages(5, n);
    const calls: number[] = [];
    const first = await evaluateRun(
      dir,
      stubClassifier,
      stubGenerator(calls),
      n,
      real,
    );
    assert.deepEqual(calls, [GENERATE_CHUNK, 20]);
    assert.equal(first.run_id, "run-abc");
    assert.deepEqual(first.source, {
      state: "done",
      step: 10,
      losses_lines: 10,
    });
    assert.equal(first.classifier.test_accuracy, 0.5);
    const onDisk: RunMetrics = JSON.parse(
      await Deno.readTextFile(`${dir}/metrics.json`),
    );
    assert.deepEqual(onDisk, first);

    const again = await evaluateRun(
      dir,
      stubClassifier,
      stubGenerator(calls),
      n,
      real,
    );
    assert.deepEqual(again, first);
    assert.equal(calls.length, 2, "cached metrics must not regenerate");

    // Same noise, so a different n changes only the sample, deterministically.
    const smaller = await evaluateRun(
      dir,
      stubClassifier,
      stubGenerator(calls),
      100,
      real.subarray(0, 100 * PIXELS),
    );
    assert.equal(smaller.n, 100);
    assert.equal(calls.length, 3);

    await makeRun(dir, 20, 20);
    const later = await evaluateRun(
      dir,
      stubClassifier,
      stubGenerator(calls),
      100,
      real.subarray(0, 100 * PIXELS),
    );
    assert.equal(calls.length, 4);
    assert.equal(later.source.step, 20);
    assert.equal(later.fid, smaller.fid);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("evaluateRun: refuses non-finite images and missing run files", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const real = randomImages(6, 10);
    await assert.rejects(
      evaluateRun(dir, stubClassifier, stubGenerator([]), 10, real),
      DataError,
    );
    await makeRun(dir, 5, 5);
    await assert.rejects(
      evaluateRun(
        dir,
        stubClassifier,
        (_z, n) => new Float32Array(n * PIXELS).fill(NaN),
        10,
        real,
      ),
      DataError,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
