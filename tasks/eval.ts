/** `deno task eval`: metrics.json for every finished run, and the real-vs-real baseline. */
import { runStageCli } from "../lib/suite/stage_cli.ts";
import { evalStage } from "../lib/suite/stages.ts";

await runStageCli({
  task: "eval",
  summary:
    "Evaluates every finished run with an MNIST classifier (trained once, cached): FID, classifier score,\n" +
    "confident fraction, class histogram and coverage, written to each run's metrics.json.",
  needsBackend: true,
  run: (ctx) => evalStage(ctx),
}, Deno.args);
