/**
 * End-to-end tests of `deno task all` as a user runs it: bad input is one
 * line on stderr, exit code 2 and nothing written; the smoke profile runs
 * the whole suite and leaves a complete report.
 */
import assert from "node:assert/strict";
import { makeIdx } from "../lib/data/idx_fixture.ts";
import { runScript } from "./testing.ts";

const ALL = new URL("./all.ts", import.meta.url).pathname;

const run = (args: string[]) => runScript(ALL, args);

Deno.test("bad input: one line on stderr, exit code 2, nothing written", async () => {
  const tmp = await Deno.makeTempDir();
  const badMnist = `${tmp}/mnist`;
  await Deno.mkdir(badMnist);
  await Deno.writeFile(`${badMnist}/train-images-idx3-ubyte`, makeIdx([10, 28, 28]).slice(0, 500));
  await Deno.writeFile(`${badMnist}/train-labels-idx1-ubyte`, makeIdx([10], (i) => i));
  await Deno.writeTextFile(`${tmp}/a-file`, "not a directory");
  const cases: [string[], RegExp][] = [
    [["--stepz", "3"], /Unknown option '--stepz'/],
    [["--only", "exp9"], /unknown experiment "exp9"/],
    [["--steps", "abc"], /--steps: "abc" is not an integer/],
    [["--steps", "0"], /--steps: 0 must be at least 1/],
    [["--steps", "-3"], /--steps: -3 must be at least 1/],
    [["--steps", "Infinity"], /--steps: "Infinity" is not an integer/],
    [["--batch-size", "0"], /--batch-size: 0 must be at least 1/],
    [["--batch-size", "60001"], /--batch-size: 60001 is larger than the 60000 training images/],
    [["--seed", "-1"], /--seed: -1 must be at least 0/],
    [["--seed", "NaN"], /--seed: "NaN" is not an integer/],
    [["--g-lr", "0"], /--g-lr: 0 must be greater than 0/],
    [["--d-lr", "nan"], /--d-lr: "nan" is not a number/],
    [["--g-lr", "-0.1"], /--g-lr: -0.1 must be greater than 0/],
    [["--jobs", "0"], /--jobs: 0 must be at least 1/],
    [["--optimizer", "adamw"], /--optimizer: unknown value "adamw"/],
    [["--backend", "gpu"], /--backend: unknown value "gpu"/],
    [["--profile", "huge"], /--profile: unknown value "huge"/],
    [["--loss", "hinge"], /--loss: unknown value "hinge"/],
    [["--lang", "fr"], /--lang: unknown value "fr"/],
    [["--backend", "tensorflow"], /deno install --allow-scripts=npm:@tensorflow\/tfjs-node/],
    [["--mnist-dir", `${tmp}/nowhere`], /train-images-idx3-ubyte: MNIST file not found/],
    [["--mnist-dir", badMnist], /train-images-idx3-ubyte: truncated/],
  ];
  for (const [args, pattern] of cases) {
    const out = `${tmp}/results`;
    const r = await run([...args, "--out", out]);
    const label = args.join(" ");
    assert.equal(r.code, 2, `${label}: exit ${r.code}\n${r.stderr}`);
    const lines = r.stderr.trim().split("\n");
    assert.equal(lines.length, 1, `${label}: one line, got:\n${r.stderr}`);
    assert.match(lines[0], /^error: /, label);
    assert.match(lines[0], pattern, label);
    await assert.rejects(Deno.stat(out), Deno.errors.NotFound, `${label}: wrote ${out}`);
  }
  const r = await run(["--profile", "smoke", "--out", `${tmp}/a-file/results`]);
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /^error: cannot write to results directory ".*a-file\/results"/);
  await Deno.remove(tmp, { recursive: true });
});
