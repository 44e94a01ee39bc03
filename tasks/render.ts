/** `deno task render`: every run's figures and the learning-rate grid chart. */
import { runStageCli } from "../lib/suite/stage_cli.ts";
import { renderStage } from "../lib/suite/stages.ts";

await runStageCli({
  task: "render",
  summary:
    "Draws every run's figures from its run directory: sample grid, progression strip, linear and\n" +
    "spherical interpolations, loss chart (Vega-Lite → SVG), class histogram; and the learning-rate grid.",
  needsBackend: true,
  extraFlags: [{ name: "force", type: "boolean", help: "redraw figures that are current" }],
  run: (ctx, flags) => renderStage(ctx, flags.force === true),
}, Deno.args);
