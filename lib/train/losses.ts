/**
 * Binary cross-entropy for the GAN, from D's logit. Two forms of the same
 * mathematics: `logits` is the numerically stable one; `prob` is PyTorch's
 * BCELoss on sigmoid(logit) with log clamped at -100, the seed's literal
 * reading, kept so the study can compare the two. It can saturate: in
 * float32, sigmoid(l) rounds to exactly 1 for l ≳ 17, and the clamped log
 * then has no gradient (DESIGN.md measured this in PyTorch).
 */
import * as tf from "@tensorflow/tfjs";
import type { LossForm } from "../run/types.ts";

/** mean BCE(sigmoid(logits), target) computed as relu(l) − l·y + log(1 + e^−|l|). */
export function bceFromLogits(logits: tf.Tensor, target: 0 | 1): tf.Scalar {
  return tf.tidy(() => {
    const l = logits;
    const softplusNegAbs = tf.log(tf.add(1, tf.exp(tf.neg(tf.abs(l)))));
    const base = tf.add(tf.relu(l), softplusNegAbs);
    return tf.mean(target === 1 ? tf.sub(base, l) : base) as tf.Scalar;
  });
}

const LOG_FLOOR = -100;

/**
 * log(x) clamped at -100 as PyTorch's BCELoss does. The gradient is 1/x where
 * the log is above the floor and 0 where it is clamped (never 0·∞ = NaN).
 */
const clampedLog: (x: tf.Tensor) => tf.Tensor = tf.customGrad((...args) => {
  const xt = args[0] as tf.Tensor;
  const save = args[1] as tf.GradSaveFunc;
  const positive = tf.greater(xt, 0);
  const safe = tf.where(positive, xt, tf.onesLike(xt));
  const value = tf.where(
    positive,
    tf.maximum(tf.log(safe), LOG_FLOOR),
    tf.fill(xt.shape, LOG_FLOOR),
  );
  save([safe, value]);
  return {
    value,
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [s, v] = saved;
      return tf.where(tf.greater(v, LOG_FLOOR), tf.div(dy, s), tf.zerosLike(s));
    },
  };
});

/** mean BCE on the probability p = sigmoid(logits), PyTorch's BCELoss (log clamped at -100). */
export function bceFromProbability(
  logits: tf.Tensor,
  target: 0 | 1,
): tf.Scalar {
  return tf.tidy(() => {
    const p = tf.sigmoid(logits);
    const logTerm = target === 1 ? clampedLog(p) : clampedLog(tf.sub(1, p));
    return tf.neg(tf.mean(logTerm)) as tf.Scalar;
  });
}

/** The BCE of the chosen form. */
export function bce(
  form: LossForm,
  logits: tf.Tensor,
  target: 0 | 1,
): tf.Scalar {
  return form === "logits" ? bceFromLogits(logits, target) : bceFromProbability(logits, target);
}
