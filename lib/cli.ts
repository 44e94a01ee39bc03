/**
 * Command-line flags: declared once with their type and limits, parsed with
 * node:util's parseArgs, validated before anything is written. Every
 * problem is a UsageError, which `runMain` prints on one line with exit code 2.
 */
import { parseArgs } from "node:util";
import { UsageError } from "./errors.ts";

/** One flag: kebab-case name, type, help text and limits. */
export type FlagSpec =
  | { name: string; type: "boolean"; help: string }
  | {
    name: string;
    type: "string";
    help: string;
    default?: string;
    choices?: readonly string[];
  }
  | {
    name: string;
    type: "int" | "number";
    help: string;
    default?: number;
    /** Smallest allowed value (inclusive); numbers must also be finite. */
    min?: number;
    /** When true, the value must be strictly greater than `min`. */
    exclusiveMin?: boolean;
  };

/** Parsed flag values by flag name. */
export type Flags = Record<string, string | number | boolean | undefined>;

/** Formats `usage` and the flags' help as the text of --help. */
export function helpText(usage: string, specs: readonly FlagSpec[]): string {
  const rows = specs.map((s) => {
    const arg = s.type === "boolean"
      ? ""
      : s.type === "string" && s.choices
      ? ` ${s.choices.join("|")}`
      : s.type === "string"
      ? " VALUE"
      : " N";
    const def = "default" in s && s.default !== undefined ? ` (default: ${s.default})` : "";
    return [`  --${s.name}${arg}`, `${s.help}${def}`];
  });
  rows.push(["  --help", "show this help"]);
  const width = Math.max(...rows.map(([a]) => a.length)) + 2;
  return `${usage}\n\nOptions:\n${rows.map(([a, b]) => a.padEnd(width) + b).join("\n")}\n`;
}

function toNumber(
  spec: Extract<FlagSpec, { type: "int" | "number" }>,
  raw: string,
): number {
  const v = raw.trim() === "" ? NaN : Number(raw);
  const what = spec.type === "int" ? "an integer" : "a number";
  if (!Number.isFinite(v)) {
    throw new UsageError(`--${spec.name}: "${raw}" is not ${what}`);
  }
  if (spec.type === "int" && !Number.isInteger(v)) {
    throw new UsageError(`--${spec.name}: "${raw}" is not an integer`);
  }
  if (spec.min !== undefined) {
    const bad = spec.exclusiveMin ? v <= spec.min : v < spec.min;
    if (bad) {
      throw new UsageError(
        `--${spec.name}: ${raw} must be ${
          spec.exclusiveMin ? "greater than" : "at least"
        } ${spec.min}`,
      );
    }
  }
  return v;
}

/**
 * Parses `args` against `specs`. Returns null when --help was given (the
 * help has been printed). Unknown flags, positional arguments, missing
 * values and out-of-range numbers throw UsageError.
 */
export function parseFlags(
  args: string[],
  specs: readonly FlagSpec[],
  usage: string,
): Flags | null {
  const options: Record<string, { type: "string" | "boolean" }> = {
    help: { type: "boolean" },
  };
  for (const s of specs) {
    options[s.name] = { type: s.type === "boolean" ? "boolean" : "string" };
  }
  // parseArgs reads "--steps -4" as a missing value; a negative number is a value here.
  const joined: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const name = args[i].startsWith("--") ? args[i].slice(2) : "";
    if (options[name]?.type === "string" && /^-[\d.]/.test(args[i + 1] ?? "")) {
      joined.push(`${args[i]}=${args[++i]}`);
    } else joined.push(args[i]);
  }
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: joined,
      options,
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    const msg = (err as Error).message.split("\n")[0].replace(
      /\. To specify.*$/,
      "",
    );
    throw new UsageError(`${msg} (see --help)`);
  }
  if (values.help) {
    console.log(helpText(usage, specs));
    return null;
  }
  const out: Flags = {};
  for (const s of specs) {
    const raw = values[s.name];
    if (s.type === "boolean") out[s.name] = raw === true;
    else if (s.type === "string") {
      const v = (raw as string | undefined) ?? s.default;
      if (v !== undefined && s.choices && !s.choices.includes(v)) {
        throw new UsageError(
          `--${s.name}: unknown value "${v}" (choose one of: ${s.choices.join(", ")})`,
        );
      }
      out[s.name] = v;
    } else {
      out[s.name] = raw === undefined ? s.default : toNumber(s, raw as string);
    }
  }
  return out;
}

/**
 * Runs an entry point: a UsageError prints `error: <message>` on one line
 * and exits 2; any other error prints its message and exits 1.
 */
export async function runMain(
  main: () => Promise<number | void>,
): Promise<never> {
  try {
    Deno.exit((await main()) ?? 0);
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`error: ${err.message}`);
      Deno.exit(2);
    }
    console.error(`error: ${(err as Error)?.stack ?? err}`);
    Deno.exit(1);
  }
}
