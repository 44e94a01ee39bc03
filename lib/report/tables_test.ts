import assert from "node:assert/strict";
import { table } from "./format.ts";
import { malformedTables } from "./tables.ts";

Deno.test("malformedTables finds rows whose cell count differs from the header's", () => {
  const good = "| a | b |\n| --- | --- |\n| 1 | x\\|y |\n\ntext | not a table";
  assert.deepEqual(malformedTables(good), []);
  const bad = "| a | max |loss| |\n| --- | --- |\n| 1 | 2 |";
  assert.equal(malformedTables(bad).length, 2);
  assert.match(malformedTables(bad)[0], /^line 2: 2 cells, header has 4/);
  assert.deepEqual(malformedTables("```\n| a |\n| b | c |\n```"), []);
});

Deno.test("table escapes bare pipes in headers and cells, and only those", () => {
  const md = table(["run", "max |loss|"], [["a\\|b", "3"]]);
  assert.equal(md, "| run | max \\|loss\\| |\n| --- | --- |\n| a\\|b | 3 |");
  assert.deepEqual(malformedTables(md), []);
});
