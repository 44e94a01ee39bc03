/** `deno task report`: <out>/README.md from the run directories. */
import { runStageCli } from "../lib/suite/stage_cli.ts";
import { reportStage } from "../lib/suite/stages.ts";

await runStageCli({
  task: "report",
  summary: "Writes <out>/README.md, the study's report, from the run directories alone.",
  needsBackend: false,
  extraFlags: [
    { name: "lang", type: "string", help: "report language", default: "en", choices: ["en", "pt"] },
  ],
  run: (ctx) => reportStage(ctx),
}, Deno.args);
