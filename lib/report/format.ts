/** Markdown building blocks and number formatting for the report. */
import type { OptimizerConfig } from "../run/types.ts";

/** A number with three significant digits, exponent form for very large or small magnitudes; "—" for none, "NaN" for non-finite. */
export function num(v: number | undefined | null): string {
  if (v === undefined || v === null) return "—";
  if (!Number.isFinite(v)) return "NaN";
  if (v === 0) return "0";
  const a = Math.abs(v);
  if (a >= 1e5 || a < 1e-3) return v.toExponential(2).replace("e+", "e");
  return String(Number(v.toPrecision(3)));
}

/** A fraction as a whole percentage. */
export function pct(v: number): string {
  return `${Math.round(v * 100)}%`;
}

/** Seconds as "42 s", "3 min 05 s" or "1 h 02 min". */
export function duration(s: number | undefined): string {
  if (s === undefined || !Number.isFinite(s)) return "—";
  const t = Math.round(s);
  if (t < 60) return `${t} s`;
  if (t < 3600) return `${Math.floor(t / 60)} min ${String(t % 60).padStart(2, "0")} s`;
  return `${Math.floor(t / 3600)} h ${String(Math.floor(t % 3600 / 60)).padStart(2, "0")} min`;
}

const OPTIMIZER_NAMES = { rmsprop: "RMSprop", adam: "Adam", sgd: "SGD" } as const;

/** "RMSprop 0.001", "Adam 0.0002 (β1 0.5)". */
export function optimizer(o: OptimizerConfig): string {
  const betas = [
    o.beta1 === undefined ? "" : `β1 ${o.beta1}`,
    o.beta2 === undefined ? "" : `β2 ${o.beta2}`,
  ].filter((b) => b !== "");
  const name = OPTIMIZER_NAMES[o.name] ?? o.name;
  return `${name} ${o.lr}${betas.length > 0 ? ` (${betas.join(", ")})` : ""}`;
}

/** Text safe inside a table cell or a link's alt text. */
export function escape(text: string): string {
  return text.replace(/[|[\]\\]/g, (c) => `\\${c}`).replace(/\n/g, " ");
}

/**
 * A GitHub-flavoured Markdown table. A bare `|` in any cell (a header such as
 * "max |loss|" too) would split it, so every unescaped one is escaped here;
 * other user text is escaped by the caller.
 */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const cell = (c: string) => c.replace(/(?<!\\)\|/g, "\\|");
  const line = (cells: readonly string[]) => `| ${cells.map(cell).join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

/** An image, or `fallback` (plain text, no link) when `available` is false. */
export function image(alt: string, path: string, available: boolean, fallback: string): string {
  return available ? `![${escape(alt)}](${encodeURI(path)})` : `_${fallback}_`;
}

/**
 * GitHub's anchor for a heading: lower case, punctuation other than hyphens
 * and underscores dropped, each space a hyphen (accented letters kept).
 */
export function anchor(heading: string): string {
  return heading.toLowerCase().trim().replace(/[^\p{L}\p{N}\s_-]/gu, "").replace(/\s/g, "-");
}
