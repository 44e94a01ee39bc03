/**
 * Building blocks for kernels composed from the wasm backend's own kernels.
 *
 * Inside a kernel, high-level `tf.*` ops cannot be used (the engine is
 * already executing a kernel, so they neither record nor dispose
 * correctly). A composed kernel must call other kernels' functions directly
 * and free every intermediate itself; {@link WasmOps} does both, so each
 * composed kernel reads as a short sequence of ops.
 *
 * @module
 */
import { getKernel, type KernelFunc, type NamedAttrMap, type TensorInfo } from "@tensorflow/tfjs";
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";

/** Explicit NHWC padding as kernels take it: `[[0,0],[top,bottom],[left,right],[0,0]]`. */
export type ExplicitPad = [
  [number, number],
  [number, number],
  [number, number],
  [number, number],
];

/** Explicit NHWC padding from per-side amounts. */
export function explicitPad(
  top: number,
  bottom: number,
  left: number,
  right: number,
): ExplicitPad {
  return [[0, 0], [top, bottom], [left, right], [0, 0]];
}

/**
 * The wasm kernel functions the composed kernels build on, captured from the
 * registry by {@link captureBaseKernels} before any of them is replaced, so a
 * composed kernel never calls itself through the registry.
 */
const baseKernels = new Map<string, KernelFunc>();

const BASE_KERNEL_NAMES = [
  "Conv2D",
  "Transpose",
  "Reshape",
  "Concat",
  "DepthToSpace",
  "Slice",
  "BatchMatMul",
] as const;

/** Name of a wasm kernel a composed kernel may call. */
export type BaseKernelName = typeof BASE_KERNEL_NAMES[number];

/**
 * Records the wasm backend's current kernel functions for the ops
 * {@link WasmOps} offers. Must run before any of them is replaced; later
 * calls keep the first capture.
 */
export function captureBaseKernels(): void {
  for (const name of BASE_KERNEL_NAMES) {
    if (baseKernels.has(name)) continue;
    const config = getKernel(name, "wasm");
    if (config === undefined) {
      throw new Error(`wasm backend has no ${name} kernel to build on`);
    }
    baseKernels.set(name, config.kernelFunc);
  }
}

function base(name: BaseKernelName): KernelFunc {
  const fn = baseKernels.get(name);
  if (fn === undefined) {
    throw new Error(
      `${name} not captured: call captureBaseKernels() before composing`,
    );
  }
  return fn;
}

/**
 * Runs wasm kernels on behalf of one composed kernel call and remembers every
 * result, so {@link WasmOps.finish} can free all intermediates but the output.
 */
export class WasmOps {
  readonly #made: TensorInfo[] = [];

  /** @param backend the wasm backend the composed kernel was called with. */
  constructor(readonly backend: BackendWasm) {}

  #run(
    name: BaseKernelName,
    inputs: Record<string, TensorInfo>,
    attrs: NamedAttrMap,
  ): TensorInfo {
    const out = base(name)({ inputs, backend: this.backend, attrs });
    if (Array.isArray(out)) {
      throw new Error(`${name} returned several tensors; expected one`);
    }
    this.#made.push(out);
    return out;
  }

  /** NHWC stride-1 or strided convolution (XNNPACK). */
  conv2d(
    x: TensorInfo,
    filter: TensorInfo,
    strides: [number, number],
    dilations: [number, number],
    pad: ExplicitPad,
  ): TensorInfo {
    return this.#run("Conv2D", { x, filter }, {
      strides,
      dilations,
      pad,
      dataFormat: "NHWC",
    });
  }

  /** Axis permutation (copies). */
  transpose(x: TensorInfo, perm: number[]): TensorInfo {
    return this.#run("Transpose", { x }, { perm });
  }

  /** New shape, same data (no copy). */
  reshape(x: TensorInfo, shape: number[]): TensorInfo {
    return this.#run("Reshape", { x }, { shape });
  }

  /** Concatenation along `axis`. */
  concat(xs: TensorInfo[], axis: number): TensorInfo {
    return this.#run(
      "Concat",
      Object.fromEntries(xs.map((x, i) => [String(i), x])),
      { axis },
    );
  }

  /** NHWC depth-to-space with a square block. */
  depthToSpace(x: TensorInfo, blockSize: number): TensorInfo {
    return this.#run("DepthToSpace", { x }, { blockSize, dataFormat: "NHWC" });
  }

  /** Contiguous sub-box `begin .. begin+size`. */
  slice(x: TensorInfo, begin: number[], size: number[]): TensorInfo {
    return this.#run("Slice", { x }, { begin, size });
  }

  /** Batched `a @ b` (XNNPACK only without transposes and with batch 1). */
  matMul(
    a: TensorInfo,
    b: TensorInfo,
    transposeA = false,
    transposeB = false,
  ): TensorInfo {
    return this.#run("BatchMatMul", { a, b }, { transposeA, transposeB });
  }

  /**
   * A new float32 tensor of `shape` whose values `fill` writes straight into
   * the wasm heap. The heap view is only valid inside `fill`: any later
   * allocation may grow the heap and detach it.
   */
  fromHeap(shape: number[], fill: (values: Float32Array) => void): TensorInfo {
    const out = this.backend.makeOutput(shape, "float32");
    this.#made.push(out);
    fill(this.backend.typedArrayFromHeap(out) as Float32Array);
    return out;
  }

  /** A read-only heap view of `x`, valid until the next allocation. */
  view(x: TensorInfo): Float32Array {
    return this.backend.typedArrayFromHeap(x) as Float32Array;
  }

  /** Frees every tensor made so far except `keep`. */
  disposeAllBut(keep?: TensorInfo): void {
    for (const t of this.#made) {
      if (t !== keep) this.backend.disposeData(t.dataId);
    }
    this.#made.length = 0;
  }
}

/**
 * Runs `body` with a fresh {@link WasmOps} and frees every intermediate it
 * made, on success and on failure alike, so a composed kernel cannot leak
 * wasm heap memory.
 */
export function compose(
  backend: BackendWasm,
  body: (ops: WasmOps) => TensorInfo,
): TensorInfo {
  const ops = new WasmOps(backend);
  let out: TensorInfo | undefined;
  try {
    out = body(ops);
    return out;
  } finally {
    ops.disposeAllBut(out);
  }
}
