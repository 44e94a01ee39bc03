/**
 * `BatchMatMul` for the wasm backend that keeps transposed products on
 * XNNPACK.
 *
 * The built-in kernel uses XNNPACK only for an untransposed product with
 * batch 1; with `transposeA` or `transposeB` it falls to a naive C++ loop
 * (~15× slower). Every dense layer's gradients are such products
 * (dW = xᵀ·dy, dx = dy·Wᵀ), so materialising the transpose first (a copy, a
 * few percent of the product's time) and multiplying on XNNPACK wins.
 *
 * @module
 */
import {
  type BatchMatMulAttrs,
  broadcast_util,
  type KernelFunc,
  type TensorInfo,
  util,
} from "@tensorflow/tfjs";
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import { compose, type WasmOps } from "./wasm_ops.ts";

/**
 * A naive product costs m·n·k multiply-adds; transposing an operand costs
 * one pass over it (m·k for A, k·n for B). So transposing A pays only when
 * n is more than a few, and B only when m is: below this the built-in loop
 * is as fast (e.g. a dense layer with one output unit).
 */
const MIN_OTHER_DIM = 8;

/** `x` as a batch-1 rank-3 matrix, transposed if asked. */
function asMatrix(ops: WasmOps, x: TensorInfo, transpose: boolean): TensorInfo {
  const [rows, cols] = x.shape.slice(-2);
  const flat = ops.reshape(x, [rows, cols]);
  return transpose
    ? ops.reshape(ops.transpose(flat, [1, 0]), [1, cols, rows])
    : ops.reshape(flat, [1, rows, cols]);
}

/**
 * Builds the `BatchMatMul` kernel function; `fallback` (the built-in kernel)
 * handles untransposed products (already on XNNPACK), batches > 1 and
 * non-float32 inputs.
 */
export function makeBatchMatMul(fallback: KernelFunc): KernelFunc {
  return (args) => {
    const a = args.inputs.a as TensorInfo;
    const b = args.inputs.b as TensorInfo;
    const { transposeA, transposeB } = args.attrs as unknown as BatchMatMulAttrs;
    const m = transposeA ? a.shape[a.shape.length - 1] : a.shape[a.shape.length - 2];
    const n = transposeB ? b.shape[b.shape.length - 2] : b.shape[b.shape.length - 1];
    if (
      (!transposeA && !transposeB) ||
      (transposeA && n < MIN_OTHER_DIM) ||
      (transposeB && m < MIN_OTHER_DIM) ||
      a.dtype !== "float32" || b.dtype !== "float32" ||
      util.sizeFromShape(a.shape.slice(0, -2)) !== 1 ||
      util.sizeFromShape(b.shape.slice(0, -2)) !== 1 ||
      util.sizeFromShape(a.shape) === 0 || util.sizeFromShape(b.shape) === 0
    ) {
      return fallback(args);
    }
    const outer = broadcast_util.assertAndGetBroadcastShape(
      a.shape.slice(0, -2),
      b.shape.slice(0, -2),
    );
    const backend = args.backend as BackendWasm;
    return compose(backend, (ops) => {
      const a2 = asMatrix(ops, a, transposeA);
      const b2 = asMatrix(ops, b, transposeB);
      if (a2.shape[2] !== b2.shape[1]) {
        throw new Error(
          `Error in matMul: inner shapes of ${a.shape} and ${b.shape} ` +
            `(transposeA=${transposeA}, transposeB=${transposeB}) must match.`,
        );
      }
      const product = ops.matMul(a2, b2);
      return ops.reshape(product, [...outer, a2.shape[1], b2.shape[2]]);
    });
  };
}
