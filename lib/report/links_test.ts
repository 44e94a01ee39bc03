import assert from "node:assert/strict";
import { checkLinks, linkTargets } from "./links.ts";

Deno.test("linkTargets finds links and images but not code", () => {
  const md = [
    '![a](runs/x/figures/samples.png) and [cfg](runs/x/config.json "title")',
    "`[not](code.png)`",
    "```python",
    "x = [1](2)",
    "```",
    '<img src="figures/y.svg">',
  ].join("\n");
  assert.deepEqual(linkTargets(md), [
    "runs/x/figures/samples.png",
    "runs/x/config.json",
    "figures/y.svg",
  ]);
});

Deno.test("checkLinks reports missing local targets only", async () => {
  const out = await Deno.makeTempDir();
  try {
    await Deno.mkdir(`${out}/runs/a b`, { recursive: true });
    await Deno.writeTextFile(`${out}/runs/a b/x.png`, "");
    const md =
      "![ok](runs/a%20b/x.png) ![gone](runs/missing.png) [web](https://example.org) [top](#summary) [dir](runs/)";
    assert.deepEqual(await checkLinks(out, md), ["runs/missing.png"]);
  } finally {
    await Deno.remove(out, { recursive: true });
  }
});
