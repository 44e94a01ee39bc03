/**
 * `deno task bench`: training throughput of the seed's base GAN at batch 64,
 * one D and one G update per step, on the selected backend, with the
 * suite's parallelism (independent training processes, one per job).
 */
import { type BackendName, BACKENDS, initBackend } from "../lib/backend/backend.ts";
import { parseFlags, runMain } from "../lib/cli.ts";
import { Batcher } from "../lib/data/batches.ts";
import { loadMnist } from "../lib/data/mnist.ts";
import { baseConfig } from "../lib/experiment.ts";
import { PROFILES } from "../lib/profiles.ts";
import { mixSeed, normalArray, seedMathRandom } from "../lib/rng.ts";
import { LATENT_DIM } from "../lib/run/types.ts";
import { GanTrainer } from "../lib/train/gan_step.ts";

const USAGE = `deno task bench [options]

Trains the seed's base GAN for a warm-up and then --steps steps in each of --jobs
parallel processes (as deno task all trains runs), and prints samples/s.`;

interface BenchResult {
  impl: "gan-lab";
  backend: BackendName;
  reason: string;
  processes: number;
  threads_per_process: number;
  batch: number;
  steps: number;
  ms_per_step: number;
  samples_per_s: number;
}

async function benchHere(
  backend: BackendName | undefined,
  batch: number,
  steps: number,
  warmup: number,
): Promise<BenchResult> {
  const info = await initBackend(backend);
  const data = await loadMnist("train");
  const config = { ...baseConfig(PROFILES.default), batch_size: batch, steps: warmup + steps };
  const batcher = new Batcher(data.images, data.n, batch, 0);
  seedMathRandom(1);
  const trainer = new GanTrainer(config);
  const run = (i: number) =>
    trainer.step(batcher.batch(i), normalArray(mixSeed(0, i), batch * LATENT_DIM), i + 1);
  for (let i = 0; i < warmup; i++) run(i);
  const t0 = performance.now();
  for (let i = warmup; i < warmup + steps; i++) run(i);
  const ms = (performance.now() - t0) / steps;
  trainer.dispose();
  return {
    impl: "gan-lab",
    backend: info.name,
    reason: info.reason,
    processes: 1,
    threads_per_process: info.threads,
    batch,
    steps,
    ms_per_step: Math.round(ms * 10) / 10,
    samples_per_s: Math.round(batch * 1000 / ms * 10) / 10,
  };
}

async function benchParallel(jobs: number, args: string[]): Promise<BenchResult> {
  const self = new URL(import.meta.url).pathname;
  const outs = await Promise.all(
    Array.from({ length: jobs }, () =>
      new Deno.Command(Deno.execPath(), {
        args: ["run", "-A", "--quiet", self, ...args, "--jobs", "1", "--json"],
        stdout: "piped",
        stderr: "piped",
      }).output()),
  );
  const results = outs.map((o) => {
    const text = new TextDecoder().decode(o.stdout).trim().split("\n").pop() ?? "";
    if (!o.success) {
      throw new Error(`bench worker failed: ${new TextDecoder().decode(o.stderr).trim()}`);
    }
    return JSON.parse(text) as BenchResult;
  });
  const total = results.reduce((s, r) => s + r.samples_per_s, 0);
  const ms = results.reduce((s, r) => s + r.ms_per_step, 0) / results.length;
  return {
    ...results[0],
    processes: jobs,
    ms_per_step: Math.round(ms * 10) / 10,
    samples_per_s: Math.round(total * 10) / 10,
  };
}

await runMain(async () => {
  const flags = parseFlags(Deno.args, [
    { name: "steps", type: "int", help: "timed steps per process", default: 10, min: 1 },
    { name: "warmup", type: "int", help: "untimed steps first", default: 2, min: 0 },
    { name: "batch-size", type: "int", help: "batch size", default: 64, min: 1 },
    {
      name: "backend",
      type: "string",
      help: "tfjs backend (default: best available)",
      choices: BACKENDS,
    },
    {
      name: "jobs",
      type: "int",
      help: "parallel training processes (default: cores, as deno task all)",
      min: 1,
    },
    { name: "json", type: "boolean", help: "print one JSON object" },
  ], USAGE);
  if (!flags) return 0;
  const jobs = (flags.jobs as number | undefined) ?? navigator.hardwareConcurrency ?? 1;
  const backend = flags.backend as BackendName | undefined;
  const passOn = [
    "--steps",
    String(flags.steps),
    "--warmup",
    String(flags.warmup),
    "--batch-size",
    String(flags["batch-size"]),
    ...(backend ? ["--backend", backend] : []),
  ];
  const r = jobs > 1 ? await benchParallel(jobs, passOn) : await benchHere(
    backend,
    flags["batch-size"] as number,
    flags.steps as number,
    flags.warmup as number,
  );
  if (flags.json) console.log(JSON.stringify(r));
  else {
    console.log(
      `backend ${r.backend} (${r.reason}); ${r.processes} process(es) × ${r.threads_per_process} thread(s); ` +
        `batch ${r.batch}, ${r.steps} timed steps each`,
    );
    console.log(`${r.ms_per_step} ms per step per process; ${r.samples_per_s} samples/s in total`);
  }
  return 0;
});
