import assert from "node:assert/strict";
import type { LossRecord } from "../run/types.ts";
import { lossSummary } from "./loss_stats.ts";

const rec = (step: number, d: number | null, g: number | null): LossRecord =>
  ({ step, d_loss: d, g_loss: g, d_real: 0.9, d_fake: 0.1 }) as LossRecord;

Deno.test("lossSummary: final means over the last 10%, early over the first", () => {
  const losses = Array.from(
    { length: 100 },
    (_, i) => rec(i + 1, i < 90 ? 1 : 0.01, i < 10 ? 2 : 8),
  );
  const s = lossSummary(losses)!;
  assert.equal(s.steps, 100);
  assert.ok(Math.abs(s.final.d - 0.01) < 1e-12);
  assert.equal(s.final.g, 8);
  assert.equal(s.early.g, 2);
  assert.ok(Math.abs(s.final.d_real - 0.9) < 1e-12);
  assert.equal(s.max_abs, 8);
  assert.equal(s.first_exploding, null);
  assert.equal(s.nonfinite, 0);
});

Deno.test("lossSummary: explosions and non-finite steps", () => {
  const s = lossSummary([rec(1, 0.7, 0.7), rec(2, 5e4, 1), rec(3, null, 1), rec(4, 2e5, 1)])!;
  assert.equal(s.max_abs, 2e5);
  assert.equal(s.max_abs_step, 4);
  assert.equal(s.first_exploding, 2);
  assert.equal(s.nonfinite, 1);
  assert.equal(s.final.d, 2e5);
  assert.equal(lossSummary([]), null);
});
