import assert from "node:assert/strict";
import { initBackend } from "../backend/backend.ts";
import { loadMnist } from "../data/mnist.ts";
import { baseConfig } from "../experiment.ts";
import { PROFILES } from "../profiles.ts";
import { readLosses, readStatus, snapshotSteps } from "../run/run_dir.ts";
import type { RunSpec } from "../run/types.ts";
import { trainRun } from "./train_run.ts";

const backend = await initBackend("wasm");
const data = await loadMnist("test");
const spec: RunSpec = {
  label: "tiny",
  config: { ...baseConfig(PROFILES.smoke), steps: 4, batch_size: 8 },
};
const common = { spec, sampleEvery: 2, checkpointEvery: 1, backend, data };

Deno.test("a few-step run leaves a complete run directory", async () => {
  const out = await Deno.makeTempDir();
  const r = await trainRun({ ...common, out });
  assert.equal(r.outcome, "trained");
  assert.equal(r.status.state, "done");
  for (
    const f of [
      "config.json",
      "status.json",
      "losses.jsonl",
      "generator/weights.json",
      "generator/weights.bin",
      "discriminator/weights.bin",
      "samples/step_000004.png",
    ]
  ) {
    await Deno.stat(`${r.dir}/${f}`);
  }
  await assert.rejects(Deno.stat(`${r.dir}/checkpoint`), Deno.errors.NotFound);
  assert.deepEqual(await snapshotSteps(r.dir), [0, 2, 4]);
  const losses = await readLosses(r.dir);
  assert.deepEqual(losses.map((l) => l.step), [1, 2, 3, 4]);
  for (const l of losses) {
    assert.ok(Number.isFinite(l.d_loss) && Number.isFinite(l.g_loss));
    assert.ok(l.d_real >= 0 && l.d_real <= 1 && l.d_fake >= 0 && l.d_fake <= 1);
  }
  const again = await trainRun({ ...common, out });
  assert.equal(again.outcome, "skipped");
  await Deno.remove(out, { recursive: true });
});

Deno.test("an interrupted run resumes to exactly the losses of an uninterrupted one", async () => {
  const straight = await Deno.makeTempDir();
  const resumed = await Deno.makeTempDir();
  const a = await trainRun({ ...common, out: straight });
  let steps = 0;
  const stopped = await trainRun({ ...common, out: resumed, shouldStop: () => ++steps >= 2 });
  assert.equal(stopped.outcome, "interrupted");
  assert.equal((await readStatus(stopped.dir))?.state, "running");
  assert.equal((await readLosses(stopped.dir)).length, 2);
  const b = await trainRun({ ...common, out: resumed });
  assert.equal(b.outcome, "trained");
  assert.deepEqual(await readLosses(b.dir), await readLosses(a.dir));
  await Deno.remove(straight, { recursive: true });
  await Deno.remove(resumed, { recursive: true });
});

Deno.test("a run whose loss becomes NaN is marked diverged and keeps its last finite samples", async () => {
  const out = await Deno.makeTempDir();
  const wild: RunSpec = {
    label: "wild",
    config: {
      ...spec.config,
      g_opt: { name: "sgd", lr: 1e30 },
      d_opt: { name: "sgd", lr: 1e30 },
      steps: 6,
    },
  };
  const r = await trainRun({ ...common, spec: wild, out });
  assert.equal(r.status.state, "diverged");
  assert.ok(r.status.diverged_at! >= 1 && r.status.diverged_at! <= 6);
  assert.match(r.status.reason!, /NaN|Infinity/);
  assert.equal((await readLosses(r.dir)).length, r.status.diverged_at! - 1);
  assert.ok((await snapshotSteps(r.dir)).includes(0));
  assert.equal((await trainRun({ ...common, spec: wild, out })).outcome, "skipped");
  await Deno.remove(out, { recursive: true });
});
