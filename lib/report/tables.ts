/** Checks that every Markdown table of a document keeps its shape. */

/** Cells of one table line: split on pipes that are not escaped, outer pipes dropped. */
function cells(line: string): number {
  const inner = line.trim().replace(/^\|/, "").replace(/(?<!\\)\|$/, "");
  return inner.split(/(?<!\\)\|/).length;
}

/**
 * One message per table line whose cell count differs from its header's
 * (GitHub drops or shifts such cells silently), naming the line; [] when
 * every table is well formed. Fenced code blocks are skipped.
 */
export function malformedTables(markdown: string): string[] {
  const problems: string[] = [];
  let header: number | null = null;
  let fenced = false;
  markdown.split("\n").forEach((line, i) => {
    if (line.startsWith("```")) fenced = !fenced;
    const isRow = !fenced && line.trimStart().startsWith("|");
    if (!isRow) {
      header = null;
      return;
    }
    const n = cells(line);
    if (header === null) header = n;
    else if (n !== header) {
      problems.push(`line ${i + 1}: ${n} cells, header has ${header}: ${line.slice(0, 80)}`);
    }
  });
  return problems;
}
