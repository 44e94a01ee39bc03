import assert from "node:assert/strict";
import { DataError } from "../errors.ts";
import { makeIdx } from "./idx_fixture.ts";
import { loadMnist, PIXELS, scaleToUnit } from "./mnist.ts";
import { Batcher } from "./batches.ts";

Deno.test("the shipped MNIST test split loads with 10,000 labelled images in [-1, 1]", async () => {
  const set = await loadMnist("test");
  assert.equal(set.n, 10000);
  assert.equal(set.images.length, 10000 * PIXELS);
  let min = Infinity, max = -Infinity;
  for (const v of set.images) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  assert.equal(min, -1);
  assert.equal(max, 1);
  const counts = new Array(10).fill(0);
  for (const l of set.labels) counts[l]++;
  assert.ok(counts.every((c) => c > 800), `class counts ${counts}`);
  assert.equal(set.labels[0], 7); // the first test digit is a 7
});

Deno.test("scaleToUnit maps 0 to -1 and 255 to 1", () => {
  assert.deepEqual([...scaleToUnit(Uint8Array.of(0, 255))], [-1, 1]);
});

async function fakeDir(files: Record<string, Uint8Array>): Promise<string> {
  const dir = await Deno.makeTempDir();
  for (const [name, bytes] of Object.entries(files)) {
    await Deno.writeFile(`${dir}/${name}`, bytes);
  }
  return dir;
}

Deno.test("missing, truncated and mismatched MNIST files are DataErrors naming the file", async () => {
  const images = makeIdx([4, 28, 28]);
  const labels = makeIdx([4], (i) => i);
  const cases: [Record<string, Uint8Array>, RegExp][] = [
    [
      { "t10k-labels-idx1-ubyte": labels },
      /t10k-images-idx3-ubyte: MNIST file not found/,
    ],
    [
      {
        "t10k-images-idx3-ubyte": images.slice(0, 100),
        "t10k-labels-idx1-ubyte": labels,
      },
      /t10k-images-idx3-ubyte: truncated/,
    ],
    [
      {
        "t10k-images-idx3-ubyte": images,
        "t10k-labels-idx1-ubyte": makeIdx([3], (i) => i),
      },
      /t10k-labels-idx1-ubyte: 3 labels for 4 images/,
    ],
    [
      {
        "t10k-images-idx3-ubyte": images,
        "t10k-labels-idx1-ubyte": makeIdx([4], () => 12),
      },
      /label 12 at 0 is not 0-9/,
    ],
  ];
  for (const [files, pattern] of cases) {
    const dir = await fakeDir(files);
    await assert.rejects(loadMnist("test", dir), (err: Error) => {
      assert.ok(err instanceof DataError);
      assert.match(err.message, pattern);
      return true;
    });
    await Deno.remove(dir, { recursive: true });
  }
  const dir = await fakeDir({
    "t10k-images-idx3-ubyte": images,
    "t10k-labels-idx1-ubyte": labels,
  });
  assert.equal((await loadMnist("test", dir)).n, 4);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("Batcher is seeded, covers an epoch without repeats, and is addressable by step", () => {
  const n = 10, size = 3;
  const images = new Float32Array(n * PIXELS);
  for (let i = 0; i < n; i++) images.fill(i, i * PIXELS, (i + 1) * PIXELS);
  const ids = (b: Float32Array) => Array.from({ length: size }, (_, i) => b[i * PIXELS]);
  const a = new Batcher(images, n, size, 7);
  const epoch0 = [0, 1, 2].flatMap((s) => ids(a.batch(s)));
  assert.equal(new Set(epoch0).size, 9);
  const b = new Batcher(images, n, size, 7);
  assert.deepEqual(ids(b.batch(4)), ids(a.batch(4)));
  assert.deepEqual(ids(b.batch(1)), epoch0.slice(3, 6));
  const c = new Batcher(images, n, size, 8);
  assert.notDeepEqual([0, 1, 2].flatMap((s) => ids(c.batch(s))), epoch0);
  assert.throws(() => new Batcher(images, n, 11, 1), /exceeds/);
});
