/**
 * The project's kernels for the tfjs wasm backend: the missing filter
 * gradient (without it no convolution can be trained on wasm) and faster
 * replacements for kernels the GAN's training step spends its time in.
 *
 * @module
 */
import {
  getKernel,
  type KernelConfig,
  registerKernel,
  unregisterKernel,
} from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { conv2dBackpropFilter } from "./conv2d_backprop_filter.ts";
import { makeConv2dBackpropInput } from "./conv2d_backprop_input.ts";
import { captureBaseKernels } from "./wasm_ops.ts";

let registered = false;

/**
 * Registers the project's wasm kernels in tfjs's global kernel registry.
 * Idempotent. Call before or after the wasm backend is initialised.
 */
export function registerWasmKernels(): void {
  if (registered) return;
  captureBaseKernels();
  replaceKernel({
    kernelName: "Conv2DBackpropFilter",
    backendName: "wasm",
    kernelFunc: conv2dBackpropFilter,
  });
  const builtinInput = getKernel("Conv2DBackpropInput", "wasm");
  replaceKernel({
    kernelName: "Conv2DBackpropInput",
    backendName: "wasm",
    kernelFunc: makeConv2dBackpropInput(builtinInput.kernelFunc),
  });
  registered = true;
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
