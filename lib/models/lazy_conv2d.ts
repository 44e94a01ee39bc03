/**
 * A 2-D convolution layer (NHWC, 'same' padding, with bias) whose backward
 * pass computes only the gradients the caller asks for.
 *
 * tfjs-layers' conv2d runs `tf.fused.conv2d`, whose custom gradient always
 * computes the input, filter and bias gradients together. Training a GAN
 * wastes a lot of that: G's update backpropagates through D only for the
 * gradient of D's input, yet the fused path also computes D's filter
 * gradients (about 8% of a base-GAN step on wasm), and D's update computes
 * the gradient of the images. `tf.conv2d` and `tf.add` have registered
 * gradients that the tape calls only for inputs on the path to the
 * variables being differentiated, so this layer builds the same function
 * from them. Weights, their order (kernel, then bias) and their
 * initialisation are those of `tf.layers.conv2d`.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";

type Initializer = ReturnType<typeof tf.initializers.zeros>;

/** What the layer needs beyond tfjs's generic layer arguments. */
export interface LazyConv2dArgs {
  filters: number;
  kernelSize: number;
  strides: number;
  kernelInitializer: Initializer;
  biasInitializer: Initializer;
  inputShape?: number[];
  name?: string;
}

class LazyConv2d extends tf.layers.Layer {
  static className = "GanLabLazyConv2d";
  readonly #args: LazyConv2dArgs;
  #kernel: tf.LayerVariable | null = null;
  #bias: tf.LayerVariable | null = null;

  constructor(args: LazyConv2dArgs) {
    super({ inputShape: args.inputShape, name: args.name });
    this.#args = args;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = inputShape as tf.Shape;
    const channels = shape[shape.length - 1];
    if (channels === null) throw new RangeError("LazyConv2d: unknown input channels");
    const { kernelSize: k, filters } = this.#args;
    this.#kernel = this.addWeight(
      "kernel",
      [k, k, channels, filters],
      "float32",
      this.#args.kernelInitializer,
    );
    this.#bias = this.addWeight("bias", [filters], "float32", this.#args.biasInitializer);
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const [n, h, w] = inputShape as tf.Shape;
    const s = this.#args.strides;
    const out = (d: number | null) => d === null ? null : Math.ceil(d / s);
    return [n, out(h), out(w), this.#args.filters];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor4D;
      const y = tf.conv2d(x, this.#kernel!.read() as tf.Tensor4D, this.#args.strides, "same");
      return tf.add(y, this.#bias!.read());
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    const { filters, kernelSize, strides } = this.#args;
    return { ...super.getConfig(), filters, kernelSize, strides };
  }
}
tf.serialization.registerClass(LazyConv2d);

/** A convolution layer equivalent to `tf.layers.conv2d({..., padding: 'same'})`, lazily differentiated. */
export function lazyConv2d(args: LazyConv2dArgs): tf.layers.Layer {
  return new LazyConv2d(args);
}
