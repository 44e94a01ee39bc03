/**
 * A worker process that trains one run for `trainRuns` and reports on
 * stdout as prefixed JSON lines. Internal: not a user-facing entry point.
 */
import { type BackendName, BACKENDS, initBackend } from "../backend/backend.ts";
import { parseFlags, runMain } from "../cli.ts";
import { loadMnist } from "../data/mnist.ts";
import type { RunSpec } from "../run/types.ts";
import { trainRun } from "../train/train_run.ts";
import { WORKER_PREFIX, type WorkerMessage } from "./train_runs.ts";

function send(msg: WorkerMessage): void {
  console.log(WORKER_PREFIX + JSON.stringify(msg));
}

if (import.meta.main) {
  await runMain(async () => {
    const flags = parseFlags(Deno.args, [
      { name: "out", type: "string", help: "results directory" },
      { name: "spec", type: "string", help: "run spec as JSON" },
      { name: "sample-every", type: "int", help: "snapshot interval", min: 1 },
      { name: "checkpoint-every", type: "int", help: "checkpoint interval", min: 1 },
      { name: "backend", type: "string", help: "backend", choices: BACKENDS },
      { name: "force", type: "boolean", help: "retrain" },
      { name: "mnist-dir", type: "string", help: "MNIST folder" },
    ], "internal worker: trains one run");
    if (!flags) return;
    let stopping = false;
    const stop = () => stopping = true;
    Deno.addSignalListener("SIGINT", stop);
    Deno.addSignalListener("SIGTERM", stop);
    const backend = await initBackend(flags.backend as BackendName | undefined);
    send({ type: "backend", backend });
    let last = 0;
    try {
      const result = await trainRun({
        out: flags.out as string,
        spec: JSON.parse(flags.spec as string) as RunSpec,
        sampleEvery: flags["sample-every"] as number,
        checkpointEvery: flags["checkpoint-every"] as number,
        backend,
        force: flags.force as boolean,
        data: await loadMnist("train", flags["mnist-dir"] as string | undefined),
        onStep(rec, status) {
          const now = performance.now();
          if (now - last > 500 || status.step === status.steps) {
            last = now;
            send({ type: "step", rec, status });
          }
        },
        shouldStop: () => stopping,
      });
      send({ type: "done", result });
      return result.outcome === "interrupted" ? 130 : 0;
    } catch (err) {
      send({ type: "error", message: (err as Error).message.split("\n")[0] });
      return 1;
    }
  });
}
