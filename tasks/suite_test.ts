/**
 * End-to-end: `deno task all --profile smoke` as a user runs it, then the
 * stages alone on the same results folder: the report has every section,
 * the 3×3 grid and no broken link; every finished run has metrics.json; a
 * second run reuses everything; a broken run is named and the rest reported.
 */
import assert from "node:assert/strict";
import { checkLinks } from "../lib/report/links.ts";
import { malformedTables } from "../lib/report/tables.ts";
import { EXPERIMENTS } from "../experiments/index.ts";
import { PROFILES } from "../lib/profiles.ts";
import { runId } from "../lib/run/run_id.ts";
import { runScript } from "./testing.ts";

const ROOT = new URL("..", import.meta.url).pathname;

const task = (file: string, args: string[]) => runScript(`${ROOT}tasks/${file}`, args);

const EN_SECTIONS = [
  "All runs",
  "Quality metrics",
  "Base GAN",
  "Reduced generator",
  "Reduced discriminator",
  "Learning rates: the 3×3 grid",
  "Exaggerated learning rate",
  "Very small learning rate",
  "Adam optimizer",
  "Latent-space interpolation",
  "Numerical stability",
];

Deno.test("deno task all --profile smoke: complete report, metrics, reuse, stages alone", async (t) => {
  const out = await Deno.makeTempDir({ prefix: "gan-lab-suite-" });
  const first = await task("all.ts", ["--profile", "smoke", "--out", out]);
  assert.equal(first.code, 0, first.stderr);
  const md = await Deno.readTextFile(`${out}/README.md`);
  const declared = EXPERIMENTS.flatMap((e) => e.runs(PROFILES.smoke));
  const ids = [...new Set(declared.map((s) => runId(s.config)))];

  await t.step("every section, in order", () => {
    const headings = [...md.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    assert.deepEqual(headings, EN_SECTIONS);
  });

  await t.step("the 3×3 learning-rate grid: nine cells, base reused", () => {
    const lr = EXPERIMENTS.find((e) => e.report === "lr_grid")!.runs(PROFILES.smoke);
    assert.equal(lr.length, 9);
    const pairs = new Set(lr.map((s) => `${s.config.g_opt.lr}/${s.config.d_opt.lr}`));
    assert.equal(pairs.size, 9);
    const base = EXPERIMENTS[0].runs(PROFILES.smoke)[0];
    assert.ok(lr.some((s) => runId(s.config) === runId(base.config)), "base is a cell");
    const grid = md.split("## Learning rates: the 3×3 grid")[1].split("\n## ")[0];
    const rows = grid.split("\n").filter((l) => /^\| \*\*[0-9.e-]+\*\* \|/.test(l));
    assert.equal(rows.length, 3, grid);
    for (const r of rows) assert.equal(r.split("|").length - 2, 4, r);
    assert.match(md, /figures\/lr_grid\.svg/);
  });

  await t.step("no broken link or image, no misshapen table", async () => {
    assert.deepEqual(await checkLinks(out, md), []);
    assert.deepEqual(malformedTables(md), []);
    const images = [...md.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1]);
    assert.ok(images.length > 30, `only ${images.length} images`);
  });

  await t.step("every run trained once, with metrics.json and figures", async () => {
    assert.equal(ids.length, 15);
    for (const id of ids) {
      const status = JSON.parse(await Deno.readTextFile(`${out}/runs/${id}/status.json`));
      assert.ok(["done", "diverged"].includes(status.state), `${id}: ${status.state}`);
      if (status.state === "done") {
        const m = JSON.parse(await Deno.readTextFile(`${out}/runs/${id}/metrics.json`));
        assert.ok(Number.isFinite(m.fid) && m.n === PROFILES.smoke.eval_samples, id);
        await Deno.stat(`${out}/runs/${id}/figures/interp_slerp.png`);
      }
      await Deno.stat(`${out}/runs/${id}/figures/samples.png`);
      await Deno.stat(`${out}/runs/${id}/figures/losses.svg`);
    }
    const baseline = JSON.parse(await Deno.readTextFile(`${out}/baseline.json`));
    assert.ok(baseline.fid >= 0 && baseline.classifier.test_accuracy > 0.5);
    assert.match(md, /\| _real vs real \(baseline\)_ \|/);
    assert.match(
      md,
      /The classifier reaches \d+\.\d\d% accuracy on the 10,000 MNIST test digits \(trained for 1 epoch\(s\) on 2048 training images/,
    );
  });

  await t.step("a second run reuses every finished run", async () => {
    const again = await task("all.ts", ["--profile", "smoke", "--out", out]);
    assert.equal(again.code, 0, again.stderr);
    assert.equal(again.stdout.match(/already trained/g)?.length, 15, again.stdout);
    assert.doesNotMatch(again.stdout, /training \d+ steps/);
  });

  await t.step("report alone, in Portuguese", async () => {
    const r = await task("report.ts", ["--out", out, "--lang", "pt"]);
    assert.equal(r.code, 0, r.stderr);
    const pt = await Deno.readTextFile(`${out}/README.md`);
    for (const h of ["Com gerador simplificado", "Com learning rate exagerado", "Interpolação"]) {
      assert.match(pt, new RegExp(`^## .*${h}`, "m"));
    }
    assert.deepEqual(await checkLinks(out, pt), []);
    assert.deepEqual(malformedTables(pt), []);
  });

  await t.step("a run with truncated config.json is named; the rest is reported", async () => {
    const broken = ids[1];
    const cfg = `${out}/runs/${broken}/config.json`;
    const text = await Deno.readTextFile(cfg);
    await Deno.writeTextFile(cfg, text.slice(0, text.length / 2));
    await Deno.writeTextFile(`${out}/runs/${ids[2]}/status.json`, "{not json");
    const r = await task("report.ts", ["--out", out]);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, new RegExp(`runs/${broken}/config\\.json`));
    const report = await Deno.readTextFile(`${out}/README.md`);
    const problems = report.split("\n## Problems")[1];
    assert.ok(problems, "a Problems section");
    assert.match(problems, new RegExp(`runs/${broken}/config\\.json`));
    assert.match(problems, new RegExp(`runs/${ids[2]}/status\\.json`));
    assert.equal([...report.matchAll(/^## (.+)$/gm)].length, EN_SECTIONS.length + 1);
    assert.deepEqual(await checkLinks(out, report), []);
  });

  await t.step("render and eval alone skip what is current", async () => {
    const r = await task("render.ts", ["--out", out]);
    assert.equal(r.code, 1, "the broken run is reported");
    const e = await task("eval.ts", ["--out", out]);
    assert.doesNotMatch(e.stdout, /eval: base: FID/, "metrics reused, not recomputed");
  });

  await Deno.remove(out, { recursive: true });
});

Deno.test("stages alone: a folder without runs is a usage error", async () => {
  const tmp = await Deno.makeTempDir();
  for (const file of ["report.ts", "render.ts", "eval.ts"]) {
    const r = await task(file, ["--out", `${tmp}/none`]);
    assert.equal(r.code, 2, `${file}: ${r.stderr}`);
    assert.match(r.stderr.trim(), /^error: no runs in ".*none": train first/);
    assert.equal(r.stderr.trim().split("\n").length, 1);
    await assert.rejects(Deno.stat(`${tmp}/none`), Deno.errors.NotFound);
  }
  await Deno.remove(tmp, { recursive: true });
});
