import assert from "node:assert/strict";
import { duration, escape, image, num, optimizer, pct, table } from "./format.ts";

Deno.test("num: three significant digits, exponents at the extremes", () => {
  assert.equal(num(0.69314), "0.693");
  assert.equal(num(13.25), "13.3");
  assert.equal(num(123456), "1.23e5");
  assert.equal(num(0.00001234), "1.23e-5");
  assert.equal(num(0), "0");
  assert.equal(num(NaN), "NaN");
  assert.equal(num(undefined), "—");
  assert.equal(pct(0.456), "46%");
});

Deno.test("duration", () => {
  assert.equal(duration(42.4), "42 s");
  assert.equal(duration(185), "3 min 05 s");
  assert.equal(duration(3725), "1 h 02 min");
  assert.equal(duration(undefined), "—");
});

Deno.test("optimizer names the settings that differ from PyTorch's defaults", () => {
  assert.equal(optimizer({ name: "rmsprop", lr: 0.001 }), "RMSprop 0.001");
  assert.equal(optimizer({ name: "adam", lr: 0.0002, beta1: 0.5 }), "Adam 0.0002 (β1 0.5)");
});

Deno.test("table, escape and image", () => {
  assert.equal(
    table(["a", "b"], [["1", escape("x|y")]]),
    "| a | b |\n| --- | --- |\n| 1 | x\\|y |",
  );
  assert.equal(image("G [1]", "runs/a b/s.png", true, "none"), "![G \\[1\\]](runs/a%20b/s.png)");
  assert.equal(image("G", "x.png", false, "not rendered"), "_not rendered_");
});
