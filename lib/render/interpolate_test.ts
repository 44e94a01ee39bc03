import assert from "node:assert/strict";
import { interpolationPath, latentPairs, lerp, slerp } from "./interpolate.ts";

const norm = (v: Float32Array) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));
const close = (a: ArrayLike<number>, b: ArrayLike<number>, tol = 1e-5) =>
  Array.from(a).every((x, i) => Math.abs(x - b[i]) <= tol);

Deno.test("lerp and slerp hit both endpoints", () => {
  const [a, b] = latentPairs(1)[0];
  for (const f of [lerp, slerp]) {
    assert.ok(close(f(a, b, 0), a));
    assert.ok(close(f(a, b, 1), b));
  }
});

Deno.test("slerp between unit vectors stays on the unit sphere; lerp does not", () => {
  const [a0, b0] = latentPairs(1)[0];
  const a = a0.map((x) => x / norm(a0));
  const b = b0.map((x) => x / norm(b0));
  for (const t of [0.1, 0.25, 0.5, 0.9]) {
    assert.ok(Math.abs(norm(slerp(a, b, t)) - 1) < 1e-5);
  }
  assert.ok(
    norm(lerp(a, b, 0.5)) < 0.9,
    "nearly orthogonal vectors: the chord's midpoint is shorter",
  );
});

Deno.test("slerp falls back to lerp when the angle is ~0", () => {
  const a = new Float32Array([1, 2, 3]);
  const b = new Float32Array([1, 2, 3]);
  const m = slerp(a, b, 0.5);
  assert.ok(m.every(Number.isFinite));
  assert.ok(close(m, a));
});

Deno.test("interpolationPath concatenates steps from a to b", () => {
  const [a, b] = latentPairs(1)[0];
  const path = interpolationPath(a, b, 10, "slerp");
  assert.equal(path.length, 10 * 100);
  assert.ok(close(path.subarray(0, 100), a));
  assert.ok(close(path.subarray(900), b));
  assert.throws(() => interpolationPath(a, b, 1), RangeError);
});

Deno.test("latentPairs are deterministic and distinct", () => {
  const p1 = latentPairs(2);
  const p2 = latentPairs(2);
  assert.deepEqual(p1, p2);
  assert.notDeepEqual(p1[0][0], p1[0][1]);
  assert.notDeepEqual(p1[0][0], p1[1][0]);
});
