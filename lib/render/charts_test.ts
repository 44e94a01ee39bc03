import assert from "node:assert/strict";
import * as vl from "vega-lite";
import type { LossRecord } from "../run/types.ts";
import {
  classHistogramSpec,
  lossChartSpec,
  lossScale,
  lrGridChartSpec,
  renderSvg,
  type VlSpec,
} from "./charts.ts";

function losses(n: number, f: (i: number) => [number, number]): LossRecord[] {
  return Array.from({ length: n }, (_, i) => {
    const [d, g] = f(i);
    return { step: i + 1, d_loss: d, g_loss: g, d_real: 0.6, d_fake: 0.4 };
  });
}

function dataSize(spec: VlSpec): number {
  return JSON.stringify(spec).length;
}

Deno.test("lossScale: linear for moderate losses, log across decades, symlog when they explode", () => {
  assert.equal(lossScale([0.5, 1.2, 3]), "linear");
  assert.equal(lossScale([0.001, 0.5, 2]), "log");
  assert.equal(lossScale([0, 1e5]), "symlog");
  assert.equal(lossScale([]), "linear");
});

Deno.test("loss chart compiles, renders to SVG and stays small for long runs", async () => {
  const spec = lossChartSpec(
    losses(5000, (i) => [0.7 + Math.sin(i) * 0.1, 1 + (i % 7) / 10]),
    {
      title: "base",
      marks: [{ step: 4000, label: "diverged" }],
    },
  );
  assert.doesNotThrow(() => vl.compile(spec as unknown as vl.TopLevelSpec));
  assert.ok(dataSize(spec) < 150_000, `spec is ${dataSize(spec)} bytes`);
  const svg = await renderSvg(spec);
  assert.ok(svg.startsWith("<svg"));
  assert.ok(svg.includes("diverged"));
});

Deno.test("exploding losses get a symlog scale and null losses are skipped", async () => {
  const spec = lossChartSpec(
    losses(
      50,
      (i) => [i === 10 ? (null as unknown as number) : 10 ** (i / 10), 1],
    ),
    {
      title: "exploding",
    },
  );
  assert.match(JSON.stringify(spec), /"symlog"/);
  assert.ok((await renderSvg(spec)).startsWith("<svg"));
});

Deno.test("the learning-rate grid is one faceted chart in the given order", async () => {
  const rates = [0.1, 0.001, 0.00001];
  const cells = rates.flatMap((g) =>
    rates.map((d) => ({
      g_lr: g,
      d_lr: d,
      losses: losses(20, () => [g * 100, d * 10]),
    }))
  );
  const spec = lrGridChartSpec(cells, rates);
  const svg = await renderSvg(spec);
  assert.ok(svg.startsWith("<svg"));
  assert.ok(svg.includes("0.00001") || svg.includes("1e-5"));
});

Deno.test("class histogram renders", async () => {
  const svg = await renderSvg(
    classHistogramSpec([5, 3, 0, 10, 2, 2, 2, 2, 2, 2], "classes"),
  );
  assert.ok(svg.startsWith("<svg"));
});
