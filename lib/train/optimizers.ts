/**
 * Optimizers with PyTorch's update rules and defaults. tfjs's own differ:
 * its RMSprop decays with 0.9 and adds epsilon inside the square root
 * (so the step is capped at lr/√eps ≈ lr·3e3 instead of lr·1e8), which
 * changes early training. State is plain variables so a checkpoint can
 * save and restore it exactly.
 */
import * as tf from "@tensorflow/tfjs";
import type { OptimizerConfig } from "../run/types.ts";

/** Updates a fixed list of variables from their gradients; its state can be saved and restored. */
export interface Optimizer {
  /** Applies one update; grads[i] belongs to vars[i]. Disposes nothing it does not own. */
  step(grads: tf.Tensor[]): void;
  /** State tensors in a fixed order (for checkpoints). */
  state(): tf.Tensor[];
  /** Restores state saved by `state()` (same order and shapes). */
  setState(values: tf.Tensor[]): void;
  dispose(): void;
}

const RMSPROP_ALPHA = 0.99;
const EPS = 1e-8;

function zerosLike(vars: tf.Variable[]): tf.Variable[] {
  return vars.map((v) => tf.variable(tf.zerosLike(v), false));
}

/** Creates the optimizer described by `cfg` for `vars`. */
export function createOptimizer(
  cfg: OptimizerConfig,
  vars: tf.Variable[],
): Optimizer {
  const lr = cfg.lr;
  const slots: tf.Variable[][] = [];
  // A step counter kept as a variable so Adam's bias correction survives a checkpoint.
  const t = tf.variable(tf.scalar(0), false);
  let update: (
    v: tf.Variable,
    g: tf.Tensor,
    i: number,
    step: tf.Scalar,
  ) => void;

  switch (cfg.name) {
    case "sgd":
      update = (v, g) => v.assign(tf.sub(v, tf.mul(g, lr)));
      break;
    case "rmsprop": {
      const sq = zerosLike(vars);
      slots.push(sq);
      update = (v, g, i) => {
        const s = tf.add(
          tf.mul(sq[i], RMSPROP_ALPHA),
          tf.mul(tf.square(g), 1 - RMSPROP_ALPHA),
        );
        sq[i].assign(s);
        v.assign(tf.sub(v, tf.div(tf.mul(g, lr), tf.add(tf.sqrt(s), EPS))));
      };
      break;
    }
    case "adam": {
      const b1 = cfg.beta1 ?? 0.9, b2 = cfg.beta2 ?? 0.999;
      const m = zerosLike(vars), s = zerosLike(vars);
      slots.push(m, s);
      update = (v, g, i, step) => {
        const mi = tf.add(tf.mul(m[i], b1), tf.mul(g, 1 - b1));
        const si = tf.add(tf.mul(s[i], b2), tf.mul(tf.square(g), 1 - b2));
        m[i].assign(mi);
        s[i].assign(si);
        // PyTorch: p -= lr/(1-b1^t) · m / (√v/√(1-b2^t) + eps)
        const c1 = tf.sub(1, tf.pow(b1, step));
        const c2 = tf.sqrt(tf.sub(1, tf.pow(b2, step)));
        const denom = tf.add(tf.div(tf.sqrt(si), c2), EPS);
        v.assign(tf.sub(v, tf.mul(tf.div(mi, denom), tf.div(lr, c1))));
      };
      break;
    }
    default:
      throw new RangeError(
        `unknown optimizer "${(cfg as OptimizerConfig).name}"`,
      );
  }

  return {
    step(grads) {
      tf.tidy(() => {
        const step = tf.add(t, 1) as tf.Scalar;
        t.assign(step);
        vars.forEach((v, i) => update(v, grads[i], i, step));
      });
    },
    state: () => [t, ...slots.flat()],
    setState(values) {
      const own = [t, ...slots.flat()];
      if (values.length !== own.length) {
        throw new RangeError(
          `optimizer state has ${values.length} tensors, expected ${own.length}`,
        );
      }
      own.forEach((v, i) => v.assign(values[i]));
    },
    dispose() {
      t.dispose();
      slots.flat().forEach((v) => v.dispose());
    },
  };
}
