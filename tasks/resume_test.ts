/**
 * Interruption end to end: a training process killed with SIGKILL (no
 * chance to clean up), or stopped with SIGINT, loses nothing: the same
 * command resumes from the last checkpoint and the loss log ends with
 * exactly one record per requested step.
 */
import assert from "node:assert/strict";
import { scriptCommand } from "./testing.ts";

const EXP0 = new URL("../experiments/00_base.ts", import.meta.url).pathname;
const STEPS = 40;
const ARGS = ["--profile", "smoke", "--steps", String(STEPS), "--batch-size", "8", "--jobs", "1"];

function spawn(out: string, args = ARGS): Deno.ChildProcess {
  return scriptCommand(EXP0, [...args, "--skip-eval", "--out", out]).spawn();
}

async function runDir(out: string): Promise<string | null> {
  try {
    for await (const e of Deno.readDir(`${out}/runs`)) return `${out}/runs/${e.name}`;
  } catch { /* not yet */ }
  return null;
}

/** Waits until the run's checkpointed status reports at least `step` steps. */
async function waitForStep(out: string, step: number): Promise<void> {
  for (let i = 0; i < 3000; i++) {
    const dir = await runDir(out);
    if (dir) {
      try {
        const s = JSON.parse(await Deno.readTextFile(`${dir}/status.json`));
        if (s.step >= step) return;
      } catch { /* being replaced */ }
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`step ${step} never reached`);
}

async function assertComplete(out: string): Promise<void> {
  const dir = (await runDir(out))!;
  const status = JSON.parse(await Deno.readTextFile(`${dir}/status.json`));
  assert.equal(status.state, "done");
  assert.equal(status.step, STEPS);
  const steps = (await Deno.readTextFile(`${dir}/losses.jsonl`)).trim().split("\n")
    .map((l) => JSON.parse(l).step);
  assert.deepEqual(steps, Array.from({ length: STEPS }, (_, i) => i + 1));
  await Deno.stat(`${dir}/generator/weights.bin`);
  await assert.rejects(Deno.stat(`${dir}/checkpoint`), Deno.errors.NotFound);
}

async function drain(child: Deno.ChildProcess) {
  const [status, stdout, stderr] = await Promise.all([
    child.status,
    new Response(child.stdout).text(),
    new Response(child.stderr).text(),
  ]);
  return { code: status.code, signal: status.signal, stdout, stderr };
}

Deno.test("SIGKILL mid-run, then the same command: every step exactly once", async () => {
  const out = await Deno.makeTempDir({ prefix: "gan-lab-kill-" });
  const child = spawn(out);
  await waitForStep(out, 6);
  child.kill("SIGKILL");
  const killed = await drain(child);
  assert.equal(killed.signal, "SIGKILL");
  const dir = (await runDir(out))!;
  const partial = JSON.parse(await Deno.readTextFile(`${dir}/status.json`));
  assert.equal(partial.state, "running");
  assert.ok(partial.step < STEPS, `killed too late (step ${partial.step})`);

  const again = await drain(spawn(out));
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, new RegExp(`finished: ${STEPS} steps`));
  await assertComplete(out);
  await Deno.remove(out, { recursive: true });
});

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  Deno.test(`${signal} checkpoints, exits 130 and says how to resume`, async () => {
    const out = await Deno.makeTempDir({ prefix: "gan-lab-signal-" });
    const child = spawn(out);
    await waitForStep(out, 4);
    child.kill(signal);
    const stopped = await drain(child);
    assert.equal(stopped.code, 130, stopped.stderr);
    assert.match(stopped.stderr, /run the same command again to resume/);
    const dir = (await runDir(out))!;
    const status = JSON.parse(await Deno.readTextFile(`${dir}/status.json`));
    assert.equal(status.state, "running");
    await Deno.stat(`${dir}/checkpoint`);

    const again = await drain(spawn(out));
    assert.equal(again.code, 0, again.stderr);
    await assertComplete(out);
    await Deno.remove(out, { recursive: true });
  });
}

Deno.test("a signal stops training within a step or two, not at the next checkpoint", async () => {
  const out = await Deno.makeTempDir({ prefix: "gan-lab-prompt-" });
  // The default profile checkpoints every 100 steps: the first checkpoint shows training is under way.
  const every = 100;
  const args = [
    "--profile",
    "default",
    "--steps",
    String(3 * every),
    "--batch-size",
    "8",
    "--jobs",
    "1",
  ];
  const child = spawn(out, args);
  await waitForStep(out, every);
  child.kill("SIGINT");
  const stopped = await drain(child);
  assert.equal(stopped.code, 130, stopped.stderr);
  const dir = (await runDir(out))!;
  const status = JSON.parse(await Deno.readTextFile(`${dir}/status.json`));
  assert.ok(status.step < every + every / 4, `stopped at step ${status.step}`);
  const steps = (await Deno.readTextFile(`${dir}/losses.jsonl`)).trim().split("\n").length;
  assert.equal(steps, status.step, "the loss log ends at the checkpoint");
  await Deno.remove(out, { recursive: true });
});
