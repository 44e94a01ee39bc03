/**
 * Quantitative evaluation of generated images and of run directories:
 * Fréchet distance in the classifier's feature space plus the
 * probability-based scores, and a real-vs-real baseline that gives them scale.
 */
import { type MnistSet, PIXELS } from "../data/mnist.ts";
import { DataError, UsageError } from "../errors.ts";
import { exists, writeJsonAtomic } from "../fs_atomic.ts";
import { normalArray, permutation } from "../rng.ts";
import { LATENT_DIM, type RunRecord, type RunState, type RunStatus } from "../run/types.ts";
import type { Classifier, ClassifierOptions } from "./classifier.ts";
import { CLASSIFIER_VERSION } from "./classifier.ts";
import { type FeatureStats, featureStats, frechetFromStats } from "./frechet.ts";
import { probabilityScores } from "./scores.ts";

/** Quality numbers for n images. */
export interface Metrics {
  /**
   * Squared Fréchet distance between the classifier features of the images
   * and of n real test images (lower is better). Biased upwards for small n:
   * compare values computed with the same n only.
   */
  fid: number;
  /** exp(E[KL(p(y|x) ‖ p(y))]), 1…10 (higher is better). */
  classifier_score: number;
  /** Fraction of images classified with probability ≥ 0.9. */
  confident_fraction: number;
  /** Mean largest class probability. */
  mean_max_prob: number;
  /** Images per predicted class. */
  class_histogram: number[];
  /** Classes with ≥ 1% of the images. */
  classes_covered: number;
  n: number;
}

/** Contents of a run's metrics.json. */
export interface RunMetrics extends Metrics {
  run_id: string;
  /** The run state that was evaluated; metrics.json is reused while it is unchanged. */
  source: { state: RunState; step: number; losses_lines: number };
  classifier: {
    version: number;
    test_accuracy: number;
    options: ClassifierOptions;
  };
  /** Seed of the latent vectors: normalArray(noise_seed, n·LATENT_DIM). */
  noise_seed: number;
  evaluated: string;
}

/** Seed of the evaluation latents: the same for every run, so runs are judged on the same noise. */
export const EVAL_NOISE_SEED = 0xe7a15eed;

/** Latent vectors handed to `generate` at a time, to bound the generator's memory. */
export const GENERATE_CHUNK = 500;

const SPLIT_SEED = 0x5b117;

/** Feature statistics of `n` real images: the reference fake images are compared with. */
export function realStats(
  classifier: Classifier,
  images: Float32Array,
  n: number,
): FeatureStats {
  const { features, featureDim } = classifier.embed(images, n);
  return featureStats(features, n, featureDim);
}

/**
 * Metrics of `n` images (n·784 floats in [-1, 1]) against real images: either
 * the images themselves (n·784, ideally also n of them) or their
 * {@link realStats}, which saves recomputing them for every run.
 */
export function evaluateImages(
  classifier: Classifier,
  fake: Float32Array,
  n: number,
  real: Float32Array | FeatureStats,
): Metrics {
  if (!Number.isInteger(n) || n < 2) {
    throw new UsageError(`evaluation needs at least 2 images, got ${n}`);
  }
  const reference = real instanceof Float32Array
    ? realStats(classifier, real, real.length / PIXELS)
    : real;
  const { features, featureDim, probs } = classifier.embed(fake, n);
  const fid = frechetFromStats(
    featureStats(features, n, featureDim),
    reference,
  );
  return { fid, ...probabilityScores(probs, n), n };
}

/**
 * Two disjoint sets of `n` test images, picked by a fixed seeded permutation:
 * `reference`, which every run is compared with, and `holdout`, which plays
 * the generator in {@link realBaseline}. Needs n ≤ test.n / 2.
 */
export function splitRealSets(
  test: MnistSet,
  n: number,
): { reference: Float32Array; holdout: Float32Array } {
  if (!Number.isInteger(n) || n < 2 || 2 * n > test.n) {
    throw new UsageError(
      `need 2 ≤ n ≤ ${Math.floor(test.n / 2)} real images per set, got ${n}`,
    );
  }
  const order = permutation(SPLIT_SEED, test.n);
  const pick = (from: number) => {
    const out = new Float32Array(n * PIXELS);
    for (let i = 0; i < n; i++) {
      const j = order[from + i];
      out.set(test.images.subarray(j * PIXELS, (j + 1) * PIXELS), i * PIXELS);
    }
    return out;
  };
  return { reference: pick(0), holdout: pick(n) };
}

/**
 * The metrics of real images: the `holdout` half of the test set evaluated
 * against the `reference` half (see {@link splitRealSets}). This is the best a
 * generator can hope for at this n, and the scale for every other number.
 */
export function realBaseline(
  classifier: Classifier,
  test: MnistSet,
  n: number,
): Metrics {
  const { reference, holdout } = splitRealSets(test, n);
  return evaluateImages(classifier, holdout, n, reference);
}

async function readJson<T>(path: string): Promise<T> {
  try {
    return JSON.parse(await Deno.readTextFile(path)) as T;
  } catch (err) {
    throw new DataError(`${path}: unreadable (${(err as Error).message})`);
  }
}

async function countLines(path: string): Promise<number> {
  if (!await exists(path)) return 0;
  const text = await Deno.readTextFile(path);
  return text.split("\n").filter((line) => line.trim() !== "").length;
}

/** Generates n images from the evaluation noise, GENERATE_CHUNK at a time. */
function generateAll(
  generate: (z: Float32Array, n: number) => Float32Array,
  n: number,
): Float32Array {
  const z = normalArray(EVAL_NOISE_SEED, n * LATENT_DIM);
  const images = new Float32Array(n * PIXELS);
  for (let start = 0; start < n; start += GENERATE_CHUNK) {
    const m = Math.min(GENERATE_CHUNK, n - start);
    const out = generate(
      z.subarray(start * LATENT_DIM, (start + m) * LATENT_DIM),
      m,
    );
    if (out.length !== m * PIXELS) {
      throw new RangeError(
        `generate returned ${out.length} values for ${m} images`,
      );
    }
    images.set(out, start * PIXELS);
  }
  return images;
}

function sameSource(
  old: RunMetrics,
  source: RunMetrics["source"],
  n: number,
  classifier: Classifier,
): boolean {
  const o = old.classifier?.options;
  const c = classifier.options;
  return old.n === n && old.source?.state === source.state &&
    old.source?.step === source.step &&
    old.source?.losses_lines === source.losses_lines &&
    old.classifier?.version === CLASSIFIER_VERSION && o !== undefined &&
    o.epochs === c.epochs && o.trainSamples === c.trainSamples &&
    o.batchSize === c.batchSize && o.seed === c.seed;
}

/**
 * Evaluates a run directory's generator and writes `<runDir>/metrics.json`
 * atomically. When metrics.json already describes the same run state
 * (status state and step, losses.jsonl line count), the same n and the same
 * classifier, it is returned as is and nothing is generated.
 *
 * `generate` maps latent vectors (m·LATENT_DIM floats) to m images (m·784 in
 * [-1, 1]); it is called with at most GENERATE_CHUNK vectors at a time, all
 * drawn from {@link EVAL_NOISE_SEED}. `real` is n real images or their
 * {@link realStats}.
 *
 * @throws {DataError} when config.json or status.json is missing or
 * unreadable, or the generated images contain NaN or ±Infinity.
 */
export async function evaluateRun(
  runDir: string,
  classifier: Classifier,
  generate: (z: Float32Array, n: number) => Float32Array,
  n: number,
  real: Float32Array | FeatureStats,
): Promise<RunMetrics> {
  const record = await readJson<RunRecord>(`${runDir}/config.json`);
  const status = await readJson<RunStatus>(`${runDir}/status.json`);
  const source = {
    state: status.state,
    step: status.step,
    losses_lines: await countLines(`${runDir}/losses.jsonl`),
  };
  const path = `${runDir}/metrics.json`;
  if (await exists(path)) {
    const old = await readJson<RunMetrics>(path).catch(() => undefined);
    if (old !== undefined && sameSource(old, source, n, classifier)) return old;
  }

  const images = generateAll(generate, n);
  for (let i = 0; i < images.length; i++) {
    if (!Number.isFinite(images[i])) {
      throw new DataError(
        `${runDir}: the generator produced a non-finite value (image ${
          Math.floor(i / PIXELS)
        }); it cannot be evaluated`,
      );
    }
  }
  const metrics: RunMetrics = {
    run_id: record.id,
    ...evaluateImages(classifier, images, n, real),
    source,
    classifier: {
      version: CLASSIFIER_VERSION,
      test_accuracy: classifier.testAccuracy,
      options: { ...classifier.options },
    },
    noise_seed: EVAL_NOISE_SEED,
    evaluated: new Date().toISOString(),
  };
  await writeJsonAtomic(path, metrics);
  return metrics;
}
