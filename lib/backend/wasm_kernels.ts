/**
 * The project's kernels for the tfjs wasm backend: the missing filter
 * gradient (without it no convolution can be trained on wasm) and faster
 * replacements for the kernels a GAN training step spends its time in.
 * Each replacement falls back to the built-in kernel for inputs it does not
 * handle.
 *
 * @module
 */
import {
  getKernel,
  type KernelConfig,
  type KernelFunc,
  registerKernel,
  unregisterKernel,
} from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { conv2dBackpropFilter } from "./conv2d_backprop_filter.ts";
import { makeConv2dBackpropInput } from "./conv2d_backprop_input.ts";
import { makeIdentity } from "./identity.ts";
import { makeBatchMatMul } from "./mat_mul.ts";
import { makeMean, makeSum } from "./reduce.ts";
import { makeTile } from "./tile.ts";
import { captureBaseKernels } from "./wasm_ops.ts";

/** Kernels replaced, each built around the built-in kernel it replaces. */
const REPLACEMENTS: Record<string, (builtin: KernelFunc) => KernelFunc> = {
  Conv2DBackpropInput: makeConv2dBackpropInput,
  BatchMatMul: makeBatchMatMul,
  Tile: makeTile,
  Sum: makeSum,
  Mean: makeMean,
  Identity: makeIdentity,
};

/** The built-in kernel functions, kept for fallbacks and benchmarks. */
const builtins = new Map<string, KernelFunc>();

/** Names of the wasm kernels {@link registerWasmKernels} adds or replaces. */
export const PROJECT_WASM_KERNELS: readonly string[] = [
  "Conv2DBackpropFilter",
  ...Object.keys(REPLACEMENTS),
];

/**
 * Registers the project's wasm kernels in tfjs's global kernel registry.
 * Idempotent. Call before or after the wasm backend is initialised.
 */
export function registerWasmKernels(): void {
  if (builtins.size > 0) return;
  captureBaseKernels();
  for (const [name, make] of Object.entries(REPLACEMENTS)) {
    const builtin = getKernel(name, "wasm");
    if (builtin === undefined) {
      throw new Error(`wasm backend has no built-in ${name} kernel`);
    }
    builtins.set(name, builtin.kernelFunc);
    replaceKernel({
      kernelName: name,
      backendName: "wasm",
      kernelFunc: make(builtin.kernelFunc),
    });
  }
  replaceKernel({
    kernelName: "Conv2DBackpropFilter",
    backendName: "wasm",
    kernelFunc: conv2dBackpropFilter,
  });
}

/**
 * The wasm backend's own kernel function that {@link registerWasmKernels}
 * replaced (for benchmarks and tests), or undefined if it did not replace
 * one by that name.
 */
export function builtinWasmKernel(name: string): KernelFunc | undefined {
  return builtins.get(name);
}

/**
 * Installs `config`, keeping the replaced kernel's setup function: the
 * backend runs setup functions when it initialises, and fallbacks into the
 * original kernel need its setup (which binds the C++ function) to have run.
 */
function replaceKernel(config: KernelConfig): void {
  const previous = getKernel(config.kernelName, config.backendName);
  if (previous !== undefined) {
    unregisterKernel(config.kernelName, config.backendName);
  }
  registerKernel({
    ...config,
    setupFunc: config.setupFunc ?? previous?.setupFunc,
    disposeFunc: config.disposeFunc ?? previous?.disposeFunc,
  });
}
