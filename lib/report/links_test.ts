import assert from "node:assert/strict";
import { checkLinks, headingAnchors, linkTargets } from "./links.ts";

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

Deno.test("checkLinks reports missing local targets and unknown anchors", async () => {
  const out = await Deno.makeTempDir();
  try {
    await Deno.mkdir(`${out}/runs/a b`, { recursive: true });
    await Deno.writeTextFile(`${out}/runs/a b/x.png`, "");
    const md = [
      "## Summary",
      "![ok](runs/a%20b/x.png) ![gone](runs/missing.png) [web](https://example.org) [dir](runs/)",
      "[top](#summary) [nowhere](#results)",
    ].join("\n");
    assert.deepEqual(await checkLinks(out, md), ["runs/missing.png", "#results"]);
  } finally {
    await Deno.remove(out, { recursive: true });
  }
});

Deno.test("headingAnchors follows GitHub: punctuation dropped, accents kept, repeats numbered", () => {
  const md =
    "# GAN experiments\n## Learning rates: the 3×3 grid\n## Interpolação do espaço latente\n### base\n### base\n```\n# not a heading\n```";
  assert.deepEqual([...headingAnchors(md)], [
    "gan-experiments",
    "learning-rates-the-33-grid",
    "interpolação-do-espaço-latente",
    "base",
    "base-1",
  ]);
});
