import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { baseConfig } from "../experiment.ts";
import { PROFILES } from "../profiles.ts";
import { FIXED_NOISE_COUNT } from "../run/types.ts";
import { decodePng } from "./png.ts";
import { FIGURES, renderLrGrid, renderRun } from "./render_run.ts";
import { loadRun } from "../run/run_dir.ts";
import { writeFakeRun } from "./run_fixture.ts";

await tf.setBackend("cpu");
const smoke = PROFILES.smoke;

const files = async (dir: string) => {
  const names: string[] = [];
  for await (const e of Deno.readDir(`${dir}/figures`)) names.push(e.name);
  return names.sort();
};

Deno.test("renderRun draws every figure of a complete run, then skips until an input changes", async () => {
  const out = await Deno.makeTempDir();
  try {
    const dir = await writeFakeRun(out, {
      spec: { label: "base", config: baseConfig(smoke) },
      generator: true,
      metrics: {
        fid: 12,
        classifier_score: 7,
        class_histogram: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
        classes_covered: 10,
        n: 55,
      },
    });
    const result = await renderRun(dir, { interpPairs: 2 });
    assert.equal(result.skipped, false);
    assert.deepEqual(result.notes, []);
    assert.deepEqual(await files(dir), [
      "class_histogram.svg",
      "class_histogram.vl.json",
      "interp_linear.png",
      "interp_slerp.png",
      "losses.svg",
      "losses.vl.json",
      "progression.png",
      "render.json",
      "samples.png",
      "samples_small.png",
    ]);
    const samples = decodePng(
      await Deno.readFile(`${dir}/figures/${FIGURES.samples}`),
    );
    assert.equal(samples.width, 8 * 56 + 9);
    const interp = decodePng(
      await Deno.readFile(`${dir}/figures/interp_slerp.png`),
    );
    assert.equal(interp.width, 10 * 56 + 11);
    assert.equal(interp.height, 2 * 56 + 3);
    const prog = decodePng(
      await Deno.readFile(`${dir}/figures/progression.png`),
    );
    assert.equal(prog.width, 3 * 56 + 4, "snapshots at steps 0, 2, 4");

    assert.equal((await renderRun(dir, { interpPairs: 2 })).skipped, true);
    assert.equal(
      (await renderRun(dir, { interpPairs: 2, force: true })).skipped,
      false,
    );

    await new Promise((r) => setTimeout(r, 20));
    await Deno.remove(`${dir}/metrics.json`);
    await Deno.writeTextFile(
      `${dir}/status.json`,
      await Deno.readTextFile(`${dir}/status.json`),
    );
    await Deno.remove(`${dir}/generator`, { recursive: true });
    const again = await renderRun(dir, { interpPairs: 2 });
    assert.equal(again.skipped, false);
    assert.ok(
      !(await files(dir)).includes("class_histogram.svg"),
      "stale figures are removed",
    );
  } finally {
    await Deno.remove(out, { recursive: true });
  }
});

Deno.test("a diverged run without weights gets samples from its last finite snapshot and a loss chart", async () => {
  const out = await Deno.makeTempDir();
  try {
    const dir = await writeFakeRun(out, {
      spec: { label: "lr 0.1", config: { ...baseConfig(smoke), steps: 6 } },
      state: "diverged",
      stepsDone: 6,
      divergedAt: 5,
      sampleEvery: 2,
      loss: (s) => (s >= 5 ? [null, null] : [10 ** s, 1]),
      snapshot: (s) => new Float32Array(FIXED_NOISE_COUNT * 784).fill(s >= 6 ? NaN : 0.5),
      metrics: undefined,
    });
    await Deno.writeTextFile(`${dir}/metrics.json`, "{ not json");
    const result = await renderRun(dir, { interpPairs: 1 });
    assert.ok(result.written.includes("figures/samples.png"));
    assert.ok(result.written.includes("figures/losses.svg"));
    assert.ok(result.notes.some((n) => n.includes("no generator weights")));
    assert.ok(result.notes.some((n) => n.includes("metrics.json")));
    const samples = decodePng(
      await Deno.readFile(`${dir}/figures/samples.png`),
    );
    assert.equal(
      samples.data[(2 * samples.width + 2) * 4],
      191,
      "grey of 0.5 from step 4, not NaN red",
    );
    assert.match(
      await Deno.readTextFile(`${dir}/figures/losses.vl.json`),
      /diverged/,
    );
  } finally {
    await Deno.remove(out, { recursive: true });
  }
});

Deno.test("renderLrGrid writes one faceted chart", async () => {
  const out = await Deno.makeTempDir();
  try {
    const dirs = [];
    for (const [g, d] of [[0.1, 0.001], [0.001, 0.001]]) {
      const config = {
        ...baseConfig(smoke),
        g_opt: { name: "rmsprop" as const, lr: g },
        d_opt: { name: "rmsprop" as const, lr: d },
      };
      dirs.push(
        await writeFakeRun(out, { spec: { label: `${g}/${d}`, config } }),
      );
    }
    const written = await renderLrGrid(
      out,
      await Promise.all(dirs.map(loadRun)),
    );
    assert.deepEqual(written, [
      `${out}/figures/lr_grid.vl.json`,
      `${out}/figures/lr_grid.svg`,
    ]);
    assert.ok((await Deno.readTextFile(written[1])).startsWith("<svg"));
  } finally {
    await Deno.remove(out, { recursive: true });
  }
});
