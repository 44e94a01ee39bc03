import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { EXPERIMENTS } from "../../experiments/index.ts";
import { baseConfig } from "../experiment.ts";
import { PROFILES } from "../profiles.ts";
import { renderLrGrid, renderRun } from "../render/render_run.ts";
import { type FakeRun, writeFakeRun } from "../render/run_fixture.ts";
import { loadRun, runDir } from "../run/run_dir.ts";
import { runId } from "../run/run_id.ts";
import { FIXED_NOISE_COUNT, type RunSpec } from "../run/types.ts";
import { checkLinks } from "./links.ts";
import { malformedTables } from "./tables.ts";
import { buildReport, writeReport } from "./report.ts";

await tf.setBackend("cpu");
const smoke = PROFILES.smoke;
const IMAGES = FIXED_NOISE_COUNT * 784;

/** How each fake run behaves, chosen to exercise every observation. */
function behaviour(spec: RunSpec): Omit<FakeRun, "spec"> {
  const c = spec.config;
  const base = runId(c) === runId(baseConfig(smoke));
  const metrics = (fid: number) => ({
    fid,
    classifier_score: 10 - fid / 10,
    confident_fraction: 0.5,
    class_histogram: [5, 5, 5, 5, 5, 5, 5, 5, 5, 5],
    classes_covered: 10,
    n: 50,
  });
  if (base) return { generator: true, metrics: metrics(20) };
  if (c.generator === "reduced_g") {
    return {
      generator: true,
      snapshot: () => new Float32Array(IMAGES).fill(0.04),
      loss: (s) => [0.001 * (5 - s), 3 + s * 2],
      metrics: metrics(80),
    };
  }
  if (c.g_opt.lr === 0.1 && c.d_opt.lr === 0.1) {
    return {
      state: "diverged",
      stepsDone: 3,
      divergedAt: 3,
      loss: (s) => (s === 3 ? [null, null] : [10 ** (s * 2), 1]),
      snapshot: (s) => new Float32Array(IMAGES).fill(s === 2 ? NaN : -0.5),
    };
  }
  if (c.g_opt.lr === 0.00001 && c.d_opt.lr === 0.001) {
    let x = 7;
    return {
      snapshot: () =>
        new Float32Array(IMAGES).map(() => ((x = (x * 48271) % 2147483647) / 2147483647) * 2 - 1),
    };
  }
  if (c.loss === "prob") return { state: "running", stepsDone: 2 };
  return {};
}

async function fakeSuite(): Promise<{ out: string; broken: string }> {
  const out = await Deno.makeTempDir({ prefix: "report_test_" });
  const seen = new Set<string>();
  const dirs: string[] = [];
  for (const exp of EXPERIMENTS) {
    for (const spec of exp.runs(smoke)) {
      if (seen.has(runId(spec.config))) continue;
      seen.add(runId(spec.config));
      dirs.push(await writeFakeRun(out, { spec, ...behaviour(spec) }));
    }
  }
  for (const dir of dirs) await renderRun(dir, { interpPairs: smoke.interp_pairs });
  const grid = EXPERIMENTS.find((e) => e.report === "lr_grid")!.runs(smoke);
  await renderLrGrid(
    out,
    await Promise.all(grid.map((s) => loadRun(runDir(out, runId(s.config))))),
  );
  await Deno.writeTextFile(
    `${out}/baseline.json`,
    JSON.stringify({ fid: 1.5, classifier_score: 9.6, n: 50 }),
  );
  const adam = EXPERIMENTS.find((e) => e.key === "04_adam")!.runs(smoke)[0];
  const broken = runDir(out, runId(adam.config));
  await Deno.writeTextFile(`${broken}/config.json`, "{ not json");
  return { out, broken: adam.label };
}

const { out, broken } = await fakeSuite();

const HEADINGS = {
  en: [
    "Base GAN",
    "Reduced generator",
    "Reduced discriminator",
    "Exaggerated learning rate",
    "Very small learning rate",
    "Adam optimizer",
    "Latent-space interpolation",
    "Numerical stability",
  ],
  pt: [
    "GAN Base",
    "Com gerador simplificado",
    "Com discriminador simplificado",
    "Com learning rate exagerado",
    "Com learning rate muito pequeno",
    "Utilizando otimizador Adam",
    "Interpolação do espaço latente",
    "Estabilidade numérica",
  ],
};

for (const lang of ["en", "pt"] as const) {
  Deno.test(`report (${lang}): every seed section in order, no broken link`, async () => {
    const { markdown } = await buildReport(out, { lang, profile: smoke, experiments: EXPERIMENTS });
    const positions = HEADINGS[lang].map((h) => markdown.indexOf(`\n## ${h}\n`));
    assert.ok(
      positions.every((p) => p > 0),
      `missing: ${HEADINGS[lang].filter((_, i) => positions[i] < 0)}`,
    );
    assert.deepEqual(positions, [...positions].sort((a, b) => a - b), "seed order");
    assert.deepEqual(await checkLinks(out, markdown), []);
    assert.deepEqual(malformedTables(markdown), []);
    assert.ok(markdown.includes("```python\nGerador(\n  (net): Sequential("));
  });
}

Deno.test("report: the 3×3 grid table and its chart", async () => {
  const { markdown } = await buildReport(out, {
    lang: "en",
    profile: smoke,
    experiments: EXPERIMENTS,
  });
  const grid = markdown.slice(markdown.indexOf("## Learning rates: the 3×3 grid"));
  assert.match(grid, /\| G lr \\\\ D lr \| 0\.1 \| 0\.001 \| 0\.00001 \|/);
  for (const g of ["0.1", "0.001", "0.00001"]) {
    assert.match(grid, new RegExp(`\\| \\*\\*${g.replace(".", "\\.")}\\*\\* \\|`));
  }
  const table = grid.slice(0, grid.indexOf("**Loss curves of the whole grid**"));
  assert.equal(table.match(/samples_small\.png/g)?.length, 9);
  assert.ok(grid.includes("](figures/lr_grid.svg)"));
});

Deno.test("report: observations come from the data", async () => {
  const { markdown } = await buildReport(out, {
    lang: "en",
    profile: smoke,
    experiments: EXPERIMENTS,
  });
  const section = (h: string) => {
    const start = markdown.indexOf(`\n## ${h}\n`);
    return markdown.slice(start, markdown.indexOf("\n## ", start + 1));
  };
  const reducedG = section("Reduced generator");
  assert.match(reducedG, /ReLU before Tanh/);
  assert.match(reducedG, /mode collapse/);
  assert.match(reducedG, /uniform image of grey level 133/);
  assert.match(reducedG, /D dominates/);
  const high = section("Exaggerated learning rate");
  assert.match(high, /diverged at step 3/);
  assert.match(high, /The losses exploded: max \|loss\| 10000 at step 2/);
  assert.match(section("Very small learning rate"), /look like noise/);
  assert.match(section("Base GAN"), /FID 20 \(real vs real: 1\.5\)/);
  assert.match(section("Numerical stability"), /running \(step 2 of 4\)/);
  const metrics = section("Quality metrics");
  assert.ok(metrics.indexOf("real vs real") < metrics.indexOf("| base |"));
  assert.ok(metrics.indexOf("| base |") < metrics.indexOf("| reduced G (seed) |"), "best first");
});

Deno.test("report: a run with a broken config.json is named, the rest is still rendered", async () => {
  const { markdown, problems } = await buildReport(out, {
    lang: "en",
    profile: smoke,
    experiments: EXPERIMENTS,
  });
  assert.equal(problems.length, 1);
  assert.match(problems[0], new RegExp(`^${broken}: runs/.+/config\\.json: invalid JSON`));
  assert.ok(markdown.includes(problems[0]));
  assert.match(markdown, /## Problems\n/);
  const adam = markdown.slice(markdown.indexOf("\n## Adam optimizer\n"));
  assert.match(adam, /This run could not be read/);
  assert.match(adam, /DCGAN[\s\S]*figures\/samples\.png/);
});

Deno.test("writeReport writes README.md; a folder with no runs and no metrics still reports", async () => {
  const report = await writeReport(out, { lang: "pt", profile: smoke, experiments: EXPERIMENTS });
  assert.equal(await Deno.readTextFile(`${out}/README.md`), report.markdown);
  const empty = await Deno.makeTempDir();
  try {
    const { markdown, problems } = await buildReport(empty, {
      lang: "en",
      profile: smoke,
      experiments: EXPERIMENTS,
    });
    assert.deepEqual(problems, []);
    assert.match(markdown, /No run has a metrics\.json yet/);
    assert.match(markdown, /Not trained yet\./);
    assert.match(markdown, /Loss curves of the whole grid: not available/);
    assert.deepEqual(await checkLinks(empty, markdown), []);
  } finally {
    await Deno.remove(empty, { recursive: true });
  }
});

Deno.test({
  name: "cleanup",
  fn: () => Deno.remove(out, { recursive: true }),
});
