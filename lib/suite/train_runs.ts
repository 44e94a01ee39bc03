/**
 * Trains a list of runs: in this process when one job is asked for, else in
 * parallel worker processes (tfjs-wasm runs one thread under Deno, so
 * processes are how every core gets used). Diverged and failed runs are
 * recorded and the others go on. SIGINT/SIGTERM checkpoint every active run
 * and stop.
 */
import type { BackendInfo } from "../backend/backend.ts";
import type { MnistSet } from "../data/mnist.ts";
import { runId } from "../run/run_id.ts";
import type { LossRecord, RunSpec, RunStatus } from "../run/types.ts";
import { finishedStatus, type TrainResult, trainRun } from "../train/train_run.ts";
import { runDir } from "../run/run_dir.ts";
import type { TrainSettings } from "./flags.ts";
import type { ProgressView } from "./progress.ts";

/** One run's outcome as the suite sees it. */
export interface RunOutcome {
  id: string;
  label: string;
  outcome: TrainResult["outcome"] | "failed";
  status?: RunStatus;
  error?: string;
}

/** What a training session did: each run's outcome, and whether it was interrupted. */
export interface TrainSummary {
  runs: RunOutcome[];
  interrupted: boolean;
  backend?: BackendInfo;
}

/** A message from a worker process on stdout, one JSON object per line after this prefix. */
export const WORKER_PREFIX = "@@gan-lab ";
/** Messages a worker sends. */
export type WorkerMessage =
  | { type: "backend"; backend: BackendInfo }
  | { type: "step"; rec: LossRecord; status: RunStatus }
  | { type: "done"; result: TrainResult }
  | { type: "error"; message: string };

/** Distinct runs in order of first appearance (the base run is shared by several experiments). */
export function uniqueRuns(specs: RunSpec[]): RunSpec[] {
  const seen = new Map<string, RunSpec>();
  for (const s of specs) if (!seen.has(runId(s.config))) seen.set(runId(s.config), s);
  return [...seen.values()];
}

function describeOutcome(label: string, o: RunOutcome): string {
  const s = o.status;
  if (o.outcome === "failed") return `[${label}] FAILED: ${o.error}`;
  if (o.outcome === "interrupted") {
    return `[${label}] interrupted at step ${s?.step}; run the same command again to resume`;
  }
  const verb = o.outcome === "skipped" ? "already trained" : "finished";
  if (s?.state === "diverged") return `[${label}] diverged at step ${s.diverged_at}: ${s.reason}`;
  return `[${label}] ${verb}: ${s?.step} steps, ${s?.wall_time_s}s, ${s?.samples_per_s} samples/s`;
}

function etaOf(status: RunStatus, batch: number): number {
  return status.samples_per_s > 0
    ? (status.steps - status.step) * batch / status.samples_per_s
    : NaN;
}

/** Trains `specs` (deduplicated) with the settings' parallelism, reporting to `view`. */
export async function trainRuns(
  specs: RunSpec[],
  settings: TrainSettings,
  view: ProgressView,
  local: { backend: BackendInfo; data: MnistSet },
): Promise<TrainSummary> {
  const runs = uniqueRuns(specs);
  let stopping = false;
  const children = new Set<Deno.ChildProcess>();
  const onSignal = () => {
    if (!stopping) view.log("stopping: checkpointing active runs…");
    stopping = true;
    for (const c of children) {
      try {
        c.kill("SIGTERM");
      } catch { /* already exited */ }
    }
  };
  Deno.addSignalListener("SIGINT", onSignal);
  Deno.addSignalListener("SIGTERM", onSignal);
  const summary: TrainSummary = { runs: [], interrupted: false };
  const report = (spec: RunSpec, o: RunOutcome) => {
    summary.runs.push(o);
    view.finish(o.id, describeOutcome(spec.label, o));
  };
  const onStep = (spec: RunSpec, id: string) => (rec: LossRecord, status: RunStatus) =>
    view.update(id, {
      label: spec.label,
      step: status.step,
      steps: status.steps,
      d_loss: rec.d_loss,
      g_loss: rec.g_loss,
      samples_per_s: status.samples_per_s,
      eta_s: etaOf(status, spec.config.batch_size),
    });

  // Finished runs are reported at once, without loading data or starting a worker for them.
  const todo: RunSpec[] = [];
  for (const spec of runs) {
    const id = runId(spec.config);
    const done = settings.force ? null : await finishedStatus(runDir(settings.out, id));
    if (done) report(spec, { id, label: spec.label, outcome: "skipped", status: done });
    else todo.push(spec);
  }
  try {
    if (settings.jobs <= 1 || todo.length <= 1) {
      const { backend, data } = local;
      summary.backend = backend;
      view.log(`backend: ${backend.name} (${backend.reason})`);
      for (const spec of todo) {
        if (stopping) break;
        const id = runId(spec.config);
        view.start(id, spec.label, spec.config.steps);
        try {
          const r = await trainRun({
            out: settings.out,
            spec,
            sampleEvery: settings.profile.sample_every,
            checkpointEvery: settings.profile.checkpoint_every,
            backend,
            force: settings.force,
            data,
            onStep: onStep(spec, id),
            shouldStop: () => stopping,
          });
          report(spec, { id, label: spec.label, outcome: r.outcome, status: r.status });
        } catch (err) {
          report(spec, { id, label: spec.label, outcome: "failed", error: (err as Error).message });
        }
      }
    } else {
      const queue = [...todo];
      const worker = async () => {
        while (queue.length > 0 && !stopping) {
          const spec = queue.shift()!;
          const id = runId(spec.config);
          view.start(id, spec.label, spec.config.steps);
          report(
            spec,
            await trainInWorker(spec, settings, children, view, summary, onStep(spec, id)),
          );
        }
      };
      await Promise.all(Array.from({ length: Math.min(settings.jobs, todo.length) }, worker));
    }
  } finally {
    Deno.removeSignalListener("SIGINT", onSignal);
    Deno.removeSignalListener("SIGTERM", onSignal);
  }
  summary.interrupted = stopping;
  return summary;
}

async function trainInWorker(
  spec: RunSpec,
  settings: TrainSettings,
  children: Set<Deno.ChildProcess>,
  view: ProgressView,
  summary: TrainSummary,
  onStep: (rec: LossRecord, status: RunStatus) => void,
): Promise<RunOutcome> {
  const id = runId(spec.config);
  const args = [
    "run",
    "-A",
    "--quiet",
    new URL("./worker.ts", import.meta.url).pathname,
    "--out",
    settings.out,
    "--spec",
    JSON.stringify(spec),
    "--sample-every",
    String(settings.profile.sample_every),
    "--checkpoint-every",
    String(settings.profile.checkpoint_every),
    ...(settings.backend ? ["--backend", settings.backend] : []),
    ...(settings.force ? ["--force"] : []),
    ...(settings.mnistDir ? ["--mnist-dir", settings.mnistDir] : []),
  ];
  const child = new Deno.Command(Deno.execPath(), { args, stdout: "piped", stderr: "piped" })
    .spawn();
  children.add(child);
  let result: TrainResult | null = null;
  let error = "";
  const stderr = new Response(child.stderr).text();
  const lines = child.stdout.pipeThrough(new TextDecoderStream());
  let buffer = "";
  for await (const chunk of lines) {
    buffer += chunk;
    let nl: number;
    while ((nl = buffer.indexOf("\n")) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      if (!line.startsWith(WORKER_PREFIX)) continue;
      const msg = JSON.parse(line.slice(WORKER_PREFIX.length)) as WorkerMessage;
      if (msg.type === "backend" && !summary.backend) {
        summary.backend = msg.backend;
        view.log(
          `backend: ${msg.backend.name} (${msg.backend.reason}), ${settings.jobs} processes`,
        );
      } else if (msg.type === "step") onStep(msg.rec, msg.status);
      else if (msg.type === "done") result = msg.result;
      else if (msg.type === "error") error = msg.message;
    }
  }
  const { code } = await child.status;
  children.delete(child);
  const errText = (await stderr).trim();
  if (result) return { id, label: spec.label, outcome: result.outcome, status: result.status };
  const last = error || errText.split("\n").filter((l) => l.trim()).pop() || `exit code ${code}`;
  return { id, label: spec.label, outcome: "failed", error: last };
}
