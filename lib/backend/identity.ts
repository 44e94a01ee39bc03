/**
 * `Identity` for the wasm backend without a copy.
 *
 * The engine clones every tensor it saves for a gradient, and tfjs-layers
 * clones layer outputs, through this kernel; the built-in one copies the
 * whole buffer each time (~20 ms of memory traffic per GAN step at batch 64).
 * tfjs tensors are immutable (a variable's assign swaps its data id), so the
 * output can share the input's data and bump its reference count, as the
 * cpu backend's Identity does. Strings keep the built-in kernel.
 *
 * @module
 */
import type { KernelFunc, TensorInfo } from "@tensorflow/tfjs";
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";

/** The shared-data `Identity`, falling back to `builtin` for strings. */
export function makeIdentity(builtin: KernelFunc): KernelFunc {
  return (args) => {
    const x = args.inputs.x as TensorInfo;
    if (x.dtype === "string") return builtin(args);
    (args.backend as BackendWasm).incRef(x.dataId);
    return { dataId: x.dataId, shape: [...x.shape], dtype: x.dtype };
  };
}
