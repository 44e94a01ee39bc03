import assert from "node:assert/strict";
import { decodePng, grey, gridPng, stripPng } from "./png.ts";

/** RGB of pixel (x, y). */
function at(
  png: { width: number; data: Uint8Array },
  x: number,
  y: number,
): number[] {
  const o = (y * png.width + x) * 4;
  return [png.data[o], png.data[o + 1], png.data[o + 2]];
}

Deno.test("grey maps [-1, 1] to black..white and clamps", () => {
  assert.equal(grey(-1), 0);
  assert.equal(grey(1), 255);
  assert.equal(grey(0), 128);
  assert.equal(grey(-3), 0);
  assert.equal(grey(7), 255);
});

Deno.test("gridPng lays images out with separators and draws white where v = 1", () => {
  const images = new Float32Array(5 * 784).fill(-1);
  images[784 * 1 + 0] = 1; // image 1, pixel (0, 0)
  images[784 * 4 + 27 * 28 + 27] = 1; // image 4, pixel (27, 27)
  const png = decodePng(gridPng(images, 5, 3, { gap: 1 }));
  assert.equal(png.width, 3 * 28 + 4);
  assert.equal(png.height, 2 * 28 + 3);
  assert.deepEqual(at(png, 0, 0), [110, 110, 110], "separator");
  assert.deepEqual(at(png, 1, 1), [0, 0, 0], "background is black");
  assert.deepEqual(
    at(png, 1 + 28 + 1, 1),
    [255, 255, 255],
    "image 1 top-left is white",
  );
  assert.deepEqual(
    at(png, 1 + 28 + 1 + 27, 1 + 28 + 1 + 27),
    [255, 255, 255],
    "image 4 bottom-right",
  );
  assert.deepEqual(
    at(png, 2 * 29 + 5, 30 + 5),
    [110, 110, 110],
    "empty sixth cell stays grey",
  );
});

Deno.test("gridPng upscales by an integer factor", () => {
  const images = new Float32Array(784).fill(-1);
  images[0] = 1;
  const png = decodePng(gridPng(images, 1, 1, { scale: 3, gap: 0 }));
  assert.equal(png.width, 84);
  assert.deepEqual(at(png, 2, 2), [255, 255, 255]);
  assert.deepEqual(at(png, 3, 0), [0, 0, 0]);
});

Deno.test("stripPng draws non-finite pixels red and pads short rows", () => {
  const long = new Float32Array(3 * 784).fill(0);
  const short = new Float32Array(784).fill(NaN);
  const png = decodePng(stripPng([long, short], { gap: 1 }));
  assert.equal(png.width, 3 * 28 + 4);
  assert.deepEqual(at(png, 1, 1), [128, 128, 128]);
  assert.deepEqual(at(png, 1, 30), [230, 20, 60]);
  assert.deepEqual(at(png, 30, 30), [110, 110, 110]);
});

Deno.test("gridPng rejects too few values and bad options", () => {
  assert.throws(() => gridPng(new Float32Array(784), 2, 2), RangeError);
  assert.throws(
    () => gridPng(new Float32Array(784), 1, 1, { scale: 1.5 }),
    RangeError,
  );
  assert.throws(() => stripPng([]), RangeError);
});
