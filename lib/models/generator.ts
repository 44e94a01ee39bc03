/** A trained generator loaded from a run directory, for rendering and evaluation. */
import * as tf from "@tensorflow/tfjs";
import { readRecord } from "../run/run_dir.ts";
import { DataError } from "../errors.ts";
import { LATENT_DIM } from "../run/types.ts";
import { architecture } from "./architectures.ts";
import { buildModel } from "./build.ts";
import { loadWeights } from "./weights.ts";

/** Maps latent vectors (n·100) to images (n·784 in [-1, 1]); BatchNorm in inference mode. */
export interface Generator {
  generate(z: Float32Array, n: number): Float32Array;
  dispose(): void;
}

/** Wraps a tfjs generator model; generates in batches to bound memory. */
export function generatorOf(model: tf.LayersModel, batch = 256): Generator {
  return {
    generate(z, n) {
      const out = new Float32Array(n * 784);
      for (let i = 0; i < n; i += batch) {
        const m = Math.min(batch, n - i);
        const y = tf.tidy(() =>
          model.predict(
            tf.tensor2d(z.subarray(i * LATENT_DIM, (i + m) * LATENT_DIM), [m, LATENT_DIM]),
          ) as tf.Tensor
        );
        out.set(y.dataSync() as Float32Array, i * 784);
        y.dispose();
      }
      return out;
    },
    dispose: () => model.dispose(),
  };
}

/** Loads the final generator of the run in `dir` (its architecture from config.json). */
export async function loadGenerator(dir: string): Promise<Generator> {
  const record = await readRecord(dir);
  if (!record) throw new DataError(`${dir}/config.json: missing`);
  const model = buildModel(architecture(record.config.generator));
  await loadWeights(model, `${dir}/generator`);
  return generatorOf(model);
}
