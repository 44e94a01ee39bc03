/** `deno task all`: train every experiment → render → evaluate → report. */
import { type Flags, runMain } from "../lib/cli.ts";
import { UsageError } from "../lib/errors.ts";
import { EXPERIMENT_FLAGS, runExperiments } from "../lib/suite/experiment_cli.ts";
import { EXPERIMENTS } from "../experiments/index.ts";

const USAGE = `deno task all [options]

Trains every experiment of the assignment (${EXPERIMENTS.map((e) => e.task).join(", ")}),
renders every figure, evaluates every run and writes <out>/README.md.
Finished runs are reused; unfinished ones resume from their last checkpoint.`;

/** The experiments named by --only (all when absent). */
function selectExperiments(flags: Flags) {
  if (flags.only === undefined) return EXPERIMENTS;
  const wanted = (flags.only as string).split(",").map((s) => s.trim()).filter((s) => s !== "");
  if (wanted.length === 0) throw new UsageError("--only: name experiments, e.g. --only exp0,exp3");
  for (const w of wanted) {
    if (!EXPERIMENTS.some((e) => e.task === w || e.key === w)) {
      throw new UsageError(
        `--only: unknown experiment "${w}" (known: ${EXPERIMENTS.map((e) => e.task).join(", ")})`,
      );
    }
  }
  return EXPERIMENTS.filter((e) => wanted.includes(e.task) || wanted.includes(e.key));
}

await runMain(() =>
  runExperiments(Deno.args, USAGE, [
    ...EXPERIMENT_FLAGS,
    { name: "only", type: "string", help: "comma-separated experiments to train (e.g. exp0,exp3)" },
  ], selectExperiments)
);
