/**
 * Chooses and initialises the TensorFlow.js backend the project trains on.
 *
 * Best first: `tensorflow` (tfjs-node, native TF), `wasm` (XNNPACK with the
 * project's kernels, see `wasm_kernels.ts`), `cpu` (pure JS; correct but far
 * too slow to train the GANs, kept as the last resort and for tests).
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { getThreadsCount, setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import { UsageError } from "../errors.ts";
import { registerWasmKernels } from "./wasm_kernels.ts";

/** A tfjs backend the project can run on. */
export type BackendName = "tensorflow" | "wasm" | "cpu";

/** Every backend, best first. */
export const BACKENDS: readonly BackendName[] = ["tensorflow", "wasm", "cpu"];

/** What {@link initBackend} chose and why. */
export interface BackendInfo {
  /** The active backend. */
  name: BackendName;
  /** One human-readable line: why this backend (and why not a better one). */
  reason: string;
  /** Threads the backend computes with. */
  threads: number;
}

/** How to get the native backend, for messages. */
export const TFJS_NODE_INSTALL_HINT =
  "deno install --allow-scripts=npm:@tensorflow/tfjs-node (needs internet: it downloads libtensorflow)";

// The package's own dist/ folder holds the .wasm binaries; resolving it from
// this file keeps it independent of the working directory.
const WASM_DIST = new URL(
  "../../node_modules/@tensorflow/tfjs-backend-wasm/dist/",
  import.meta.url,
);

const initialised = new Map<string, Promise<BackendInfo>>();

/**
 * Selects and initialises the tfjs backend. With no request: tensorflow if
 * tfjs-node's native binding loads, else wasm (with the project's kernels
 * registered), else cpu. Prints nothing; the caller prints
 * `info.name + info.reason`.
 *
 * Idempotent: calling it again with the same request returns the same info
 * and makes that backend active again.
 *
 * @throws {UsageError} when `requested` is "tensorflow" and tfjs-node's native
 * binding cannot be loaded, or when `requested` is not a backend name.
 */
export async function initBackend(
  requested?: BackendName,
): Promise<BackendInfo> {
  if (requested !== undefined && !BACKENDS.includes(requested)) {
    throw new UsageError(
      `unknown backend "${requested}"; expected one of ${BACKENDS.join(", ")}`,
    );
  }
  const key = requested ?? "auto";
  let pending = initialised.get(key);
  if (pending === undefined) {
    pending = select(requested);
    initialised.set(key, pending);
    // A failed attempt must not poison later ones (e.g. after installing).
    pending.catch(() => initialised.delete(key));
  }
  const info = await pending;
  if (tf.getBackend() !== info.name) await activate(info.name);
  return info;
}

async function select(requested?: BackendName): Promise<BackendInfo> {
  switch (requested) {
    case "tensorflow": {
      const failure = await loadTensorflow();
      if (failure !== undefined) {
        throw new UsageError(
          `backend "tensorflow" unavailable (${failure}); install it with: ${TFJS_NODE_INSTALL_HINT}`,
        );
      }
      return tensorflowInfo("requested");
    }
    case "wasm":
      return await initWasm("requested");
    case "cpu":
      await activate("cpu");
      return { name: "cpu", reason: "requested", threads: 1 };
  }
  const failure = await loadTensorflow();
  if (failure === undefined) {
    return tensorflowInfo("native TensorFlow binding loaded");
  }
  try {
    return await initWasm(`${failure}; using XNNPACK wasm`);
  } catch (error) {
    await activate("cpu");
    return {
      name: "cpu",
      reason: `${failure}; wasm failed (${message(error)}); pure-JS cpu is very slow`,
      threads: 1,
    };
  }
}

/** Loads tfjs-node and activates it; returns why not on failure. */
async function loadTensorflow(): Promise<string | undefined> {
  try {
    // Dynamic on purpose: a static import would fail the whole program on
    // machines where the package's install script could not fetch libtensorflow.
    await import("@tensorflow/tfjs-node");
  } catch (error) {
    return isMissingBinding(error)
      ? "tfjs-node native binding not installed"
      : `tfjs-node failed to load: ${message(error)}`;
  }
  if (!(await tf.setBackend("tensorflow"))) {
    return "tfjs-node loaded but its backend failed to initialise";
  }
  return undefined;
}

function isMissingBinding(error: unknown): boolean {
  const text = message(error);
  return /tfjs_binding|Cannot find module|ERR_MODULE_NOT_FOUND|libtensorflow/i
    .test(text);
}

function tensorflowInfo(reason: string): BackendInfo {
  // libtensorflow sizes its intra-op pool to the machine's cores by default.
  return {
    name: "tensorflow",
    reason,
    threads: navigator.hardwareConcurrency,
  };
}

async function initWasm(reason: string): Promise<BackendInfo> {
  registerWasmKernels();
  if (tf.findBackend("wasm") === null) setWasmPaths(WASM_DIST.href);
  await activate("wasm");
  const threads = getThreadsCount();
  return {
    name: "wasm",
    reason: threads > 1
      ? reason
      : `${reason}; single-threaded (tfjs-backend-wasm disables threads under Deno/Node)`,
    threads,
  };
}

async function activate(name: BackendName): Promise<void> {
  if (!(await tf.setBackend(name))) {
    throw new Error(`tfjs backend "${name}" failed to initialise`);
  }
  await tf.ready();
  if (name === "cpu") silenceCpuBanner();
}

/**
 * tfjs-backend-cpu prints a multi-line "install tfjs-node" banner on its first
 * write under Node/Deno. initBackend promises to print nothing (its caller
 * reports the choice), so mark the banner as already shown.
 */
function silenceCpuBanner(): void {
  const cpu = tf.findBackend("cpu") as unknown as { firstUse?: boolean } | null;
  if (cpu !== null && typeof cpu.firstUse === "boolean") cpu.firstUse = false;
}

function message(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split("\n")[0];
}
