import assert from "node:assert/strict";
import { architecture, ARCHITECTURES, describe, paramCount } from "./architectures.ts";

const SEED = await Deno.readTextFile(
  new URL("../../../shared/seed/000_b981daf23f67aa36.txt", import.meta.url),
).catch(() => null);

Deno.test("parameter counts equal the seed's", () => {
  assert.equal(paramCount(ARCHITECTURES.base_g), 840_321);
  assert.equal(paramCount(ARCHITECTURES.base_d), 212_865);
  assert.equal(paramCount(ARCHITECTURES.reduced_g), 634_273);
  assert.equal(paramCount(ARCHITECTURES.reduced_d), 3_553);
});

Deno.test("the seed's architectures print exactly as the seed prints them", {
  ignore: SEED === null,
}, () => {
  for (const name of ["base_g", "base_d", "reduced_g", "reduced_d"]) {
    const text = describe(ARCHITECTURES[name]);
    assert.ok(
      SEED!.includes(text),
      `${name} not found verbatim in the seed:\n${text}`,
    );
  }
});

Deno.test("the printed base generator starts with the seed's first lines", () => {
  const lines = describe(ARCHITECTURES.base_g).split("\n");
  assert.equal(lines[0], "Gerador(");
  assert.equal(
    lines[2],
    "    (0): Linear(in_features=100, out_features=6272, bias=True)",
  );
  assert.equal(
    lines[4],
    "    (2): BatchNorm2d(128, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)",
  );
});

Deno.test("unknown architectures are named in the error", () => {
  assert.throws(
    () => architecture("huge_g"),
    /unknown architecture "huge_g" \(known: base_g/,
  );
});
