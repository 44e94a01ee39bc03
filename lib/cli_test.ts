import assert from "node:assert/strict";
import { type FlagSpec, helpText, parseFlags } from "./cli.ts";
import { UsageError } from "./errors.ts";

const specs: FlagSpec[] = [
  { name: "steps", type: "int", help: "steps", default: 10, min: 1 },
  {
    name: "lr",
    type: "number",
    help: "learning rate",
    min: 0,
    exclusiveMin: true,
  },
  { name: "seed", type: "int", help: "seed", default: 0, min: 0 },
  {
    name: "backend",
    type: "string",
    help: "backend",
    choices: ["wasm", "cpu"],
  },
  { name: "out", type: "string", help: "dir", default: "results" },
  { name: "force", type: "boolean", help: "retrain" },
];

Deno.test("parseFlags applies defaults and converts types", () => {
  assert.deepEqual(parseFlags([], specs, "u"), {
    steps: 10,
    lr: undefined,
    seed: 0,
    backend: undefined,
    out: "results",
    force: false,
  });
  const f = parseFlags(
    ["--steps", "3", "--lr=1e-5", "--backend", "cpu", "--force"],
    specs,
    "u",
  )!;
  assert.equal(f.steps, 3);
  assert.equal(f.lr, 1e-5);
  assert.equal(f.backend, "cpu");
  assert.equal(f.force, true);
});

Deno.test("parseFlags rejects every kind of bad input with a one-line UsageError", () => {
  const bad: [string[], RegExp][] = [
    [["--stepz", "3"], /Unknown option '--stepz'/],
    [["extra"], /Unexpected argument 'extra'/],
    [["--steps"], /argument missing/],
    [["--steps", "abc"], /--steps: "abc" is not an integer/],
    [["--steps", "2.5"], /--steps: "2.5" is not an integer/],
    [["--steps", "0"], /--steps: 0 must be at least 1/],
    [["--steps", "-4"], /--steps: -4 must be at least 1/],
    [["--lr", "NaN"], /--lr: "NaN" is not a number/],
    [["--lr", "Infinity"], /--lr: "Infinity" is not a number/],
    [["--lr", "0"], /--lr: 0 must be greater than 0/],
    [["--lr", ""], /--lr: "" is not a number/],
    [
      ["--backend", "gpu"],
      /--backend: unknown value "gpu" \(choose one of: wasm, cpu\)/,
    ],
  ];
  for (const [args, pattern] of bad) {
    assert.throws(() => parseFlags(args, specs, "u"), (err: Error) => {
      assert.ok(err instanceof UsageError, `${args}: ${err}`);
      assert.match(err.message, pattern, args.join(" "));
      assert.ok(!err.message.includes("\n"), "one line");
      return true;
    });
  }
});

Deno.test("helpText lists every flag with its default", () => {
  const text = helpText("usage: x", specs);
  for (const s of specs) assert.ok(text.includes(`--${s.name}`));
  assert.match(text, /--backend wasm\|cpu/);
  assert.match(text, /\(default: results\)/);
});
