/**
 * Helpers for the kernel tests: run one kernel on a given backend, outside
 * the engine, and compare results across backends.
 *
 * @module
 */
import { AssertionError } from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "./backend.ts";

/** A dense float32 tensor as plain data. */
export interface HostTensor {
  values: Float32Array;
  shape: number[];
}

/** Deterministic values in [-1, 1) (mulberry32), so failures reproduce. */
export function randomTensor(shape: number[], seed: number): HostTensor {
  let state = seed >>> 0;
  const values = new Float32Array(tf.util.sizeFromShape(shape));
  for (let i = 0; i < values.length; i++) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    values[i] = ((t ^ (t >>> 14)) >>> 0) / 2 ** 31 - 1;
  }
  return { values, shape };
}

/**
 * Makes sure the wasm backend (with the project's kernels) and the cpu
 * backend are both initialised, leaving wasm active.
 */
export async function readyBackends(): Promise<void> {
  await initBackend("cpu");
  await initBackend("wasm");
}

/**
 * Runs the kernel registered as `kernel` for `backendName` on `inputs`,
 * directly (not through the engine), and returns its output. Also checks
 * that the kernel freed every intermediate it allocated.
 */
export function runKernel(
  backendName: "wasm" | "cpu",
  kernel: string,
  inputs: Record<string, HostTensor>,
  attrs: Record<string, unknown>,
): HostTensor {
  const backend = tf.engine().findBackend(backendName);
  const config = tf.getKernel(kernel, backendName);
  if (backend === null || config === undefined) {
    throw new Error(`no ${kernel} kernel on an initialised ${backendName}`);
  }
  const before = backend.numDataIds();
  const infos = Object.fromEntries(
    Object.entries(inputs).map(([name, t]) => [name, {
      dataId: backend.write(t.values, t.shape, "float32"),
      shape: t.shape,
      dtype: "float32" as const,
    }]),
  );
  let result: HostTensor;
  try {
    const out = config.kernelFunc({
      inputs: infos,
      backend,
      attrs: attrs as tf.NamedAttrMap,
    }) as tf.TensorInfo;
    const values = Float32Array.from(
      backend.readSync(out.dataId) as Float32Array,
    );
    result = { values, shape: out.shape };
    backend.disposeData(out.dataId);
  } finally {
    // Also when the kernel throws, so that a caller can check it freed its intermediates.
    for (const info of Object.values(infos)) backend.disposeData(info.dataId);
  }
  const leaked = backend.numDataIds() - before;
  if (leaked !== 0) {
    throw new AssertionError({
      message: `${kernel} on ${backendName} leaked ${leaked} tensor(s)`,
    });
  }
  return result;
}

/**
 * Asserts equal shapes and max |a − e| ≤ `relTol` · max(1, max |e|): float32
 * sums of thousands of terms differ in their last bits between kernels.
 */
export function assertClose(
  actual: HostTensor,
  expected: HostTensor,
  context: string,
  relTol = 1e-4,
): void {
  if (actual.shape.join() !== expected.shape.join()) {
    throw new AssertionError({
      message: `${context}: shape ${actual.shape} ≠ expected ${expected.shape}`,
    });
  }
  let maxDiff = 0;
  let maxAbs = 0;
  for (let i = 0; i < expected.values.length; i++) {
    const diff = Math.abs(actual.values[i] - expected.values[i]);
    if (Number.isNaN(diff)) {
      maxDiff = NaN;
      break;
    }
    maxDiff = Math.max(maxDiff, diff);
    maxAbs = Math.max(maxAbs, Math.abs(expected.values[i]));
  }
  const bound = relTol * Math.max(1, maxAbs);
  // Written so that NaN fails.
  if (!(maxDiff <= bound)) {
    throw new AssertionError({
      message: `${context}: max abs diff ${maxDiff} > ${bound} (max |expected| ${maxAbs})`,
    });
  }
}

/** Runs `kernel` on wasm and on cpu with the same inputs and compares. */
export function assertWasmMatchesCpu(
  kernel: string,
  inputs: Record<string, HostTensor>,
  attrs: Record<string, unknown>,
  context: string,
): void {
  const expected = runKernel("cpu", kernel, inputs, attrs);
  const actual = runKernel("wasm", kernel, inputs, attrs);
  assertClose(actual, expected, `${kernel} ${context}`);
}

/** A value no kernel output in these tests comes near. */
const POISON = 12345;

/**
 * Leaves freed wasm heap memory holding a marker value, so that an output of
 * `size` elements that a kernel allocates but never writes fails the
 * comparison instead of reading zeros.
 */
export function poisonWasmHeap(size: number): void {
  const backend = tf.engine().findBackend("wasm")!;
  const n = Math.max(size, 1);
  backend.disposeData(backend.write(new Float32Array(n).fill(POISON), [n], "float32"));
}

/** Which code of a replacement kernel ran: its own, or the built-in it falls back to. */
export type KernelPath = "own" | "builtin";

class FellBack extends Error {}

/**
 * The path a replacement kernel built by `make` takes for these inputs on
 * wasm, seen through a fallback that throws.
 */
export function pathTaken(
  make: (fallback: tf.KernelFunc) => tf.KernelFunc,
  inputs: Record<string, HostTensor>,
  attrs: Record<string, unknown>,
): KernelPath {
  const backend = tf.engine().findBackend("wasm")!;
  const kernel = make(() => {
    throw new FellBack();
  });
  const infos = Object.fromEntries(
    Object.entries(inputs).map(([name, t]) => [name, {
      dataId: backend.write(t.values, t.shape, "float32"),
      shape: t.shape,
      dtype: "float32" as const,
    }]),
  );
  try {
    const out = kernel({ inputs: infos, backend, attrs: attrs as tf.NamedAttrMap });
    backend.disposeData((out as tf.TensorInfo).dataId);
    return "own";
  } catch (e) {
    if (e instanceof FellBack) return "builtin";
    throw e;
  } finally {
    for (const info of Object.values(infos)) backend.disposeData(info.dataId);
  }
}
