import assert from "node:assert/strict";
import { runId } from "./run_id.ts";
import type { TrainConfig } from "./types.ts";

const base: TrainConfig = {
  generator: "base_g",
  discriminator: "base_d",
  g_opt: { name: "rmsprop", lr: 0.001 },
  d_opt: { name: "rmsprop", lr: 0.001 },
  loss: "logits",
  steps: 600,
  batch_size: 64,
  seed: 0,
};

Deno.test("runId names every field and is stable", () => {
  assert.equal(
    runId(base),
    "base_g__base_d__g-rmsprop0.001__d-rmsprop0.001__logits__n600-b64-s0",
  );
  assert.equal(runId({ ...base }), runId(base));
});

Deno.test("runId differs whenever a field differs", () => {
  const variants: TrainConfig[] = [
    { ...base, generator: "reduced_g" },
    { ...base, discriminator: "reduced_d" },
    { ...base, g_opt: { name: "rmsprop", lr: 1e-5 } },
    { ...base, d_opt: { name: "adam", lr: 0.001 } },
    { ...base, d_opt: { name: "adam", lr: 0.001, beta1: 0.5 } },
    { ...base, loss: "prob" },
    { ...base, steps: 601 },
    { ...base, batch_size: 32 },
    { ...base, seed: 1 },
  ];
  const ids = new Set([base, ...variants].map(runId));
  assert.equal(ids.size, variants.length + 1);
  for (const id of ids) assert.match(id, /^[\w.\-]+$/);
});
