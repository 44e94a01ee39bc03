/**
 * Builds an architecture with tfjs layers, faithful to PyTorch where tfjs's
 * Keras defaults differ (see DESIGN.md): BatchNorm momentum/eps, PyTorch's
 * U(±1/√fan_in) initialisation for weights and biases. Layout is NHWC, so
 * Unflatten becomes a reshape to [h, w, c] and Flatten reads NHWC order: a
 * fixed permutation of the Linear units, the same function class.
 *
 * Padding: PyTorch's k5/s2/p2 pads 2 on every side; tfjs's 'same' pads 1
 * before and 2 after. Both give the same output sizes; the sampling grid is
 * shifted by one pixel. We use 'same' (the fast XNNPACK path) and say so.
 */
import * as tf from "@tensorflow/tfjs";
import { type Architecture, type LayerSpec } from "./architectures.ts";
import { dropout } from "./dropout.ts";
import { lazyConv2d } from "./lazy_conv2d.ts";
import { leakyReLU } from "./leaky_relu.ts";

/** PyTorch's default initialiser for weights: U(±1/√fan_in), with tfjs's fan_in convention matching PyTorch's. */
function torchWeightInit() {
  return tf.initializers.varianceScaling({
    scale: 1 / 3,
    mode: "fanIn",
    distribution: "uniform",
  });
}

/** PyTorch's default initialiser for biases: U(±1/√fan_in) of the layer's weight. */
function torchBiasInit(fanIn: number) {
  const bound = 1 / Math.sqrt(fanIn);
  return tf.initializers.randomUniform({ minval: -bound, maxval: bound });
}

function checkSamePadding(
  l: Extract<LayerSpec, { kind: "Conv2d" | "ConvTranspose2d" }>,
): void {
  const outputPadding = l.kind === "ConvTranspose2d" ? l.op : l.s - 1;
  // PyTorch's size equals tfjs 'same' (in·s for transposed, ceil(in/s) for conv) exactly when:
  if (2 * l.p !== l.k - 1 || outputPadding !== l.s - 1) {
    throw new RangeError(
      `${l.kind} k${l.k} s${l.s} p${l.p}: only PyTorch paddings equivalent to 'same' are supported`,
    );
  }
}

function tfLayer(
  l: LayerSpec,
  first: boolean,
  inputShape: number[],
): tf.layers.Layer | null {
  const shape = first ? { inputShape } : {};
  switch (l.kind) {
    case "Linear":
      return tf.layers.dense({
        ...shape,
        units: l.out,
        kernelInitializer: torchWeightInit(),
        biasInitializer: torchBiasInit(l.in),
      });
    case "Unflatten":
      return tf.layers.reshape({ ...shape, targetShape: [l.h, l.w, l.c] });
    case "BatchNorm2d":
      return tf.layers.batchNormalization({
        ...shape,
        axis: -1,
        momentum: 1 - l.momentum,
        epsilon: l.eps,
      });
    case "Conv2d":
      checkSamePadding(l);
      return lazyConv2d({
        ...shape,
        filters: l.out,
        kernelSize: l.k,
        strides: l.s,
        kernelInitializer: torchWeightInit(),
        biasInitializer: torchBiasInit(l.in * l.k * l.k),
      });
    case "ConvTranspose2d":
      checkSamePadding(l);
      return tf.layers.conv2dTranspose({
        ...shape,
        filters: l.out,
        kernelSize: l.k,
        strides: l.s,
        padding: "same",
        kernelInitializer: torchWeightInit(),
        // PyTorch takes a transposed convolution's fan_in from weight.size(1)·k·k = out·k·k.
        biasInitializer: torchBiasInit(l.out * l.k * l.k),
      });
    case "ReLU":
      return tf.layers.reLU(shape);
    case "LeakyReLU":
      return leakyReLU({ ...shape, alpha: l.slope });
    case "Dropout":
      return dropout({ ...shape, rate: l.p });
    case "Flatten":
      return tf.layers.flatten(shape);
    case "Tanh":
      return tf.layers.activation({ ...shape, activation: "tanh" });
    case "Sigmoid":
      return null;
  }
}

/**
 * Builds the architecture as a tfjs sequential model. A discriminator's
 * final Sigmoid is not part of the model: the model returns D's logit and
 * the caller applies the sigmoid where a probability is wanted, so the loss
 * can use the numerically stable form.
 */
export function buildModel(arch: Architecture): tf.Sequential {
  const layers = arch.layers;
  const last = layers[layers.length - 1];
  if (arch.role === "discriminator" && last.kind !== "Sigmoid") {
    throw new RangeError(`${arch.name}: a discriminator must end in Sigmoid`);
  }
  const inputShape = arch.role === "generator" ? [100] : [28, 28, 1];
  const model = tf.sequential({ name: arch.name });
  layers.forEach((l, i) => {
    if (l.kind === "Sigmoid" && i !== layers.length - 1) {
      throw new RangeError(
        `${arch.name}: Sigmoid is only supported as the last layer`,
      );
    }
    const layer = tfLayer(l, i === 0, inputShape);
    if (layer) model.add(layer);
  });
  return model;
}

/** Trainable parameters of a built model, as tfjs counts them. */
export function trainableCount(model: tf.LayersModel): number {
  return model.trainableWeights.reduce(
    (s, w) => s + w.shape.reduce((a: number, b) => a * (b ?? 1), 1),
    0,
  );
}
