/**
 * One training step of the seed's recipe: one discriminator update on a real
 * and a generated batch, then one generator update with the non-saturating
 * loss (G maximises log D(G(z))), each network with its own optimizer.
 */
import * as tf from "@tensorflow/tfjs";
import { architecture } from "../models/architectures.ts";
import { buildModel } from "../models/build.ts";
import type { LossRecord, TrainConfig } from "../run/types.ts";
import { LATENT_DIM } from "../run/types.ts";
import { bce } from "./losses.ts";
import { createOptimizer, type Optimizer } from "./optimizers.ts";

/** The two networks, their optimizers, and the step that trains them. */
export class GanTrainer {
  readonly g: tf.Sequential;
  readonly d: tf.Sequential;
  readonly gOpt: Optimizer;
  readonly dOpt: Optimizer;
  readonly #gVars: tf.Variable[];
  readonly #dVars: tf.Variable[];

  constructor(readonly config: TrainConfig) {
    this.g = buildModel(architecture(config.generator));
    this.d = buildModel(architecture(config.discriminator));
    this.#gVars = this.g.trainableWeights.map((w) => w.read() as tf.Variable);
    this.#dVars = this.d.trainableWeights.map((w) => w.read() as tf.Variable);
    this.gOpt = createOptimizer(config.g_opt, this.#gVars);
    this.dOpt = createOptimizer(config.d_opt, this.#dVars);
  }

  /**
   * Trains one step on `real` (B·784 in [-1, 1]) and latent `z` (B·100).
   * Returns the losses (D's is the sum of its real and fake terms, as in the
   * seed's recipe) and D's mean probabilities, read in one small transfer.
   */
  step(real: Float32Array, z: Float32Array, step: number): LossRecord {
    const b = this.config.batch_size;
    const form = this.config.loss;
    const zt = tf.tensor2d(z, [b, LATENT_DIM]);
    const xt = tf.tensor4d(real, [b, 28, 28, 1]);

    // One forward of G serves both updates, as PyTorch's `fake.detach()` recipe does: BatchNorm's
    // running statistics move once a step and G's costliest layer runs once. D trains on a copy of
    // the batch that carries no gradient back to G (tfjs has no detach; a copy of 64 images does it).
    const held: { dLoss?: tf.Scalar } = {};
    const gOut = tf.variableGrads(() => {
      const fake = this.g.apply(zt, { training: true }) as tf.Tensor;
      const detached = tf.tensor(fake.dataSync(), fake.shape);
      const dOut = tf.variableGrads(() => {
        // D has no BatchNorm, so one pass over real and fake together is the same function as two.
        const logits = this.d.apply(tf.concat([xt, detached], 0), {
          training: true,
        }) as tf.Tensor;
        const [lr, lf] = tf.split(logits, 2, 0);
        const loss = tf.add(bce(form, lr, 1), bce(form, lf, 0)) as tf.Scalar;
        this.#probs = tf.keep(
          tf.stack([tf.mean(tf.sigmoid(lr)), tf.mean(tf.sigmoid(lf))]),
        );
        return loss;
      }, this.#dVars);
      this.dOpt.step(this.#dVars.map((v) => dOut.grads[v.name]));
      tf.dispose(dOut.grads);
      held.dLoss = tf.keep(dOut.value);
      // G's loss sees the updated D, as in the seed's recipe.
      const logits = this.d.apply(fake, { training: true }) as tf.Tensor;
      return bce(form, logits, 1);
    }, this.#gVars);
    this.gOpt.step(this.#gVars.map((v) => gOut.grads[v.name]));
    tf.dispose(gOut.grads);
    const dValue = held.dLoss!;

    const summary = tf.tidy(() => tf.concat([tf.stack([dValue, gOut.value]), this.#probs!]));
    const [dLoss, gLoss, dReal, dFake] = summary.dataSync();
    tf.dispose([summary, dValue, gOut.value, this.#probs!, zt, xt]);
    return { step, d_loss: dLoss, g_loss: gLoss, d_real: dReal, d_fake: dFake };
  }

  #probs: tf.Tensor | null = null;

  /** All state a checkpoint needs, in a fixed order: G weights, D weights, G optimizer, D optimizer. */
  stateTensors(): tf.Tensor[] {
    return [
      ...this.g.weights.map((w) => w.read()),
      ...this.d.weights.map((w) => w.read()),
      ...this.gOpt.state(),
      ...this.dOpt.state(),
    ];
  }

  /** Restores what `stateTensors` returned (same order and shapes). */
  restore(values: tf.Tensor[]): void {
    const ng = this.g.weights.length, nd = this.d.weights.length;
    const ngo = this.gOpt.state().length;
    this.g.weights.forEach((w, i) => w.write(values[i]));
    this.d.weights.forEach((w, i) => w.write(values[ng + i]));
    this.gOpt.setState(values.slice(ng + nd, ng + nd + ngo));
    this.dOpt.setState(values.slice(ng + nd + ngo));
  }

  dispose(): void {
    this.g.dispose();
    this.d.dispose();
    this.gOpt.dispose();
    this.dOpt.dispose();
  }
}
