import assert from "node:assert/strict";
import { DataError } from "../errors.ts";
import { parseIdx } from "./idx.ts";
import { makeIdx } from "./idx_fixture.ts";

Deno.test("parseIdx reads dims and data of a well-formed file", () => {
  const t = parseIdx(makeIdx([3, 2, 2]), "x");
  assert.deepEqual(t.dims, [3, 2, 2]);
  assert.deepEqual([...t.data], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
});

Deno.test("parseIdx names the file on every kind of corruption", () => {
  const good = makeIdx([2, 3]);
  const cases: [Uint8Array, RegExp][] = [
    [good.slice(0, 3), /too short/],
    [Uint8Array.of(1, 0, 8, 1, 0, 0, 0, 1, 5), /bad magic/],
    [Uint8Array.of(0, 0, 0x0d, 1, 0, 0, 0, 1, 5), /not unsigned byte/],
    [Uint8Array.of(0, 0, 8, 0), /rank 0/],
    [good.slice(0, 9), /truncated IDX header/],
    [good.slice(0, good.length - 1), /truncated: 17 bytes, expected 18/],
    [Uint8Array.from([...good, 0]), /trailing bytes/],
    [makeIdx([0, 3]), /empty/],
  ];
  for (const [bytes, pattern] of cases) {
    assert.throws(() => parseIdx(bytes, "some/file-idx"), (err: Error) => {
      assert.ok(err instanceof DataError, `${err}`);
      assert.match(err.message, /^some\/file-idx: /);
      assert.match(err.message, pattern);
      return true;
    });
  }
});

Deno.test("parseIdx checks expected dimensions", () => {
  assert.throws(
    () => parseIdx(makeIdx([2, 28, 27]), "img", [null, 28, 28]),
    /dimension 2 is 27/,
  );
  assert.throws(
    () => parseIdx(makeIdx([2, 28]), "img", [null, 28, 28]),
    /expected 3 dimensions/,
  );
  assert.deepEqual(parseIdx(makeIdx([2, 28, 28]), "img", [null, 28, 28]).dims, [
    2,
    28,
    28,
  ]);
});
