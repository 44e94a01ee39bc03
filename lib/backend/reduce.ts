/**
 * `Sum` and `Mean` over leading axes for the wasm backend.
 *
 * Bias and batch-norm gradients reduce an NHWC tensor over N, H and W. The
 * built-in kernels first transpose the reduced axes innermost (a full copy),
 * then reduce; summing rows into a per-channel accumulator reads the input
 * once, in order, and is several times faster. Any other reduction goes to
 * the built-in kernel, except an empty one, which it gets wrong.
 *
 * @module
 */
import {
  type KernelFunc,
  type MeanAttrs,
  type SumAttrs,
  type TensorInfo,
  util,
} from "@tensorflow/tfjs";
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";

/**
 * The number of leading axes `axis` names, or -1 if it does not name exactly
 * the first k axes (k ≥ 1).
 */
export function leadingAxes(axis: number | number[], shape: number[]): number {
  const axes = [...new Set(util.parseAxisParam(axis, shape))].sort((a, b) => a - b);
  const prefix = axes.every((a, i) => a === i);
  return prefix && axes.length > 0 ? axes.length : -1;
}

/** The shape of a reduction of `shape` over `axis`. */
export function reducedShape(
  shape: number[],
  axis: number | number[],
  keepDims: boolean,
): number[] {
  const axes = util.parseAxisParam(axis, shape);
  return shape.flatMap((d, i) => axes.includes(i) ? (keepDims ? [1] : []) : [d]);
}

/** Column sums of `x` read as [rows, cols], accumulated in float64. */
export function sumRows(
  x: Float32Array,
  rows: number,
  cols: number,
): Float64Array {
  const acc = new Float64Array(cols);
  for (let r = 0, offset = 0; r < rows; r++, offset += cols) {
    for (let c = 0; c < cols; c++) acc[c] += x[offset + c];
  }
  return acc;
}

function makeReduction(fallback: KernelFunc, mean: boolean): KernelFunc {
  return (args) => {
    const x = args.inputs.x as TensorInfo;
    const { axis, keepDims } = args.attrs as unknown as SumAttrs | MeanAttrs;
    if (x.dtype !== "float32") return fallback(args);
    const backend = args.backend as BackendWasm;
    if (util.sizeFromShape(x.shape) === 0) {
      // The built-in kernels return unwritten heap memory here; an empty sum (and, as on cpu, mean) is 0.
      const out = backend.makeOutput(
        reducedShape(x.shape, axis, keepDims),
        "float32",
      );
      (backend.typedArrayFromHeap(out) as Float32Array).fill(0);
      return out;
    }
    const k = leadingAxes(axis, x.shape);
    if (k < 0) return fallback(args);
    const rows = util.sizeFromShape(x.shape.slice(0, k));
    const rest = x.shape.slice(k);
    const cols = util.sizeFromShape(rest);
    const acc = sumRows(
      backend.typedArrayFromHeap(x) as Float32Array,
      rows,
      cols,
    );
    if (mean) { for (let c = 0; c < cols; c++) acc[c] /= rows; }
    const outShape = keepDims ? [...new Array<number>(k).fill(1), ...rest] : rest;
    const out = backend.makeOutput(outShape, "float32");
    (backend.typedArrayFromHeap(out) as Float32Array).set(acc);
    return out;
  };
}

/** Builds the `Sum` kernel function around the built-in one. */
export function makeSum(fallback: KernelFunc): KernelFunc {
  return makeReduction(fallback, false);
}

/** Builds the `Mean` kernel function around the built-in one. */
export function makeMean(fallback: KernelFunc): KernelFunc {
  return makeReduction(fallback, true);
}
