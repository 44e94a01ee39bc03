/**
 * LeakyReLU as a layer built from the wasm backend's fast kernels.
 *
 * tfjs's `leakyRelu` runs a scalar wasm kernel, and its registered gradient
 * is `where(x > 0, dy, α·dy)`: Greater and Select, both scalar too. On the
 * discriminator's largest activation (1.6 M values at batch 64) they took
 * 11–15 ms (forward) and 18–23 ms (gradient) a call here, against about
 * 1 ms for Step or Multiply. So the forward computes the slope `step(x, α)`
 * (1 where x > 0, else α: tfjs and PyTorch also take α at 0), returns
 * `x·slope` and saves the slope, and the gradient is the one product
 * `dy·slope`. Same function, same gradient, no weights.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";

/** `leakyRelu(x, alpha)` whose gradient is one multiply by the slope saved in the forward pass. */
export function leakyReluFast(x: tf.Tensor, alpha: number): tf.Tensor {
  if (!(alpha >= 0 && alpha < 1)) throw new RangeError(`LeakyReLU slope ${alpha} not in [0, 1)`);
  const f = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [v, save] = args as [tf.Tensor, tf.GradSaveFunc];
    const slope = tf.step(v, alpha);
    save([slope]);
    const value = tf.mul(v, slope);
    slope.dispose();
    return { value, gradFunc: (dy, saved) => tf.mul(dy, saved[0]) };
  });
  return f(x);
}

class FastLeakyReLU extends tf.layers.Layer {
  static className = "GanLabLeakyReLU";
  readonly #alpha: number;

  constructor({ alpha, inputShape }: { alpha: number; inputShape?: number[] }) {
    super({ inputShape });
    this.#alpha = alpha;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape | tf.Shape[] {
    return inputShape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return leakyReluFast(Array.isArray(inputs) ? inputs[0] : inputs, this.#alpha);
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), alpha: this.#alpha };
  }
}
tf.serialization.registerClass(FastLeakyReLU);

/** A layer equivalent to `tf.layers.leakyReLU({ alpha })`, with a cheaper forward and gradient. */
export function leakyReLU(args: { alpha: number; inputShape?: number[] }): tf.layers.Layer {
  return new FastLeakyReLU(args);
}
