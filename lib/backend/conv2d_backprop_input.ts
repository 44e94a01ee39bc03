/**
 * `Conv2DBackpropInput` (the transposed convolution: the generator's forward
 * pass and every convolution's input gradient) for the wasm backend, as
 * stride-1 XNNPACK convolutions. The built-in kernel is a plain C++ loop
 * that runs about ten times slower than XNNPACK's forward convolution.
 *
 * Sub-pixel decomposition: with stride s, output row h only receives filter
 * rows i ≡ h + padTop (mod s). Splitting the output rows by phase
 * r = h mod s therefore splits the filter into s sub-filters, and each phase
 * is an ordinary stride-1 convolution of dy with its (flipped) sub-filter.
 * Doing this along both axes gives sh·sw convolutions with, together,
 * exactly the FLOPs of the transposed convolution; their outputs are then
 * interleaved into the full output.
 *
 * @module
 */
import {
  backend_util,
  type Conv2DBackpropInputAttrs,
  type KernelFunc,
  type TensorInfo,
} from "@tensorflow/tfjs";
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import { compose, explicitPad, type WasmOps } from "./wasm_ops.ts";

/** How one output phase is computed along one axis. */
export interface AxisPhase {
  /**
   * For each tap of the stride-1 sub-filter, the row (or column) of the
   * original filter it holds, or -1 for a zero tap. Zero taps only appear
   * where a padding would otherwise have to be negative.
   */
  taps: number[];
  /** Padding before dy along this axis for the stride-1 convolution. */
  padBefore: number;
  /** Padding after dy along this axis. */
  padAfter: number;
}

/** The sub-pixel decomposition along one axis. */
export interface AxisPlan {
  /** Outputs each phase computes: ceil(outLen / stride); extras are cropped. */
  perPhase: number;
  /** One entry per phase r = 0 … stride-1 (output index ≡ r mod stride). */
  phases: AxisPhase[];
}

/**
 * Decomposes a transposed convolution along one axis.
 *
 * The forward convolution reads x[s·p − padBefore + i] for output p and tap
 * i, so x index h gets dy[p]·w[i] for every i = h + padBefore − s·p. For
 * h = r + s·m, those taps are i = a + s·t with a = (r + padBefore) mod s,
 * and p = m + b − t with b = floor((r + padBefore) / s): a stride-1
 * correlation of dy with the taps reversed, padded by T − 1 − b before.
 *
 * @param outLen length of the transposed convolution's output (x in the forward conv)
 * @param inLen length of its input (dy)
 * @param kernel filter size
 * @param stride stride of the forward convolution
 * @param padBefore the forward convolution's padding before x
 */
export function planAxis(
  outLen: number,
  inLen: number,
  kernel: number,
  stride: number,
  padBefore: number,
): AxisPlan {
  const perPhase = Math.ceil(outLen / stride);
  const phases: AxisPhase[] = [];
  for (let r = 0; r < stride; r++) {
    const a = (r + padBefore) % stride;
    const b = Math.floor((r + padBefore) / stride);
    const real = a < kernel ? Math.ceil((kernel - a) / stride) : 0;
    // Leading zero taps stand in for a negative padding before dy.
    const lead = Math.max(0, b - (real - 1));
    const padBefore_ = real - 1 + lead - b;
    const after = perPhase - inLen - padBefore_ + real + lead - 1;
    // Trailing zero taps stand in for a negative padding after dy.
    const trail = Math.max(0, -after);
    const taps: number[] = [];
    for (let u = 0; u < lead + real + trail; u++) {
      const t = real - 1 - (u - lead);
      taps.push(u >= lead && t >= 0 ? a + stride * t : -1);
    }
    phases.push({ taps, padBefore: padBefore_, padAfter: after + trail });
  }
  return { perPhase, phases };
}

/**
 * The plan along one axis with every phase sharing one window: each phase's
 * taps are shifted by leading zero taps to a common padding before dy and
 * padded with trailing zero taps to a common length, so all phases can be
 * computed by a single convolution.
 */
export function alignPhases(plan: AxisPlan): AxisPhase[] {
  const before = Math.max(...plan.phases.map((p) => p.padBefore));
  const shifted = plan.phases.map((p) => [
    ...new Array<number>(before - p.padBefore).fill(-1),
    ...p.taps,
  ]);
  const length = Math.max(...shifted.map((t) => t.length));
  return plan.phases.map((p, r) => {
    const taps = [
      ...shifted[r],
      ...new Array<number>(length - shifted[r].length).fill(-1),
    ];
    // Same output length as before: every tap added on the right adds one.
    const after = p.padAfter + (taps.length - p.taps.length) -
      (before - p.padBefore);
    return { taps, padBefore: before, padAfter: after };
  });
}

/** Where one phase's values sit in a tensor of phase outputs. */
interface PhaseSource {
  tensor: TensorInfo;
  /** First channel of this phase in each pixel. */
  channel: number;
}

/**
 * Builds the stride-1 filter [Lh, Lw, Cout, phases·Cin] that computes the
 * given phases side by side in its output channels (one phase: an ordinary
 * sub-filter). `wt` is the original filter transposed to [kh, kw, Cout, Cin]
 * so that each (tap, output channel) is a contiguous run of Cin values.
 */
function phaseFilter(
  ops: WasmOps,
  wt: TensorInfo,
  phases: { rows: number[]; cols: number[] }[],
): TensorInfo {
  const [, kw, cout, cin] = wt.shape;
  const lh = phases[0].rows.length;
  const lw = phases[0].cols.length;
  const channels = phases.length * cin;
  return ops.fromHeap([lh, lw, cout, channels], (f) => {
    const w = ops.view(wt);
    f.fill(0);
    phases.forEach(({ rows, cols }, k) => {
      rows.forEach((i, u) => {
        if (i < 0) return;
        cols.forEach((j, v) => {
          if (j < 0) return;
          for (let o = 0; o < cout; o++) {
            const src = ((i * kw + j) * cout + o) * cin;
            const dst = ((u * lw + v) * cout + o) * channels + k * cin;
            if (cin === 1) f[dst] = w[src];
            else f.set(w.subarray(src, src + cin), dst);
          }
        });
      });
    });
  });
}

/**
 * Writes phase outputs (pixels [N, perPhaseH, perPhaseW]) into their places
 * of the full output [N, H, W, C], dropping rows/columns past H/W.
 * `sources` is row-phase-major: index r·sw + r'.
 */
function interleave(
  ops: WasmOps,
  sources: PhaseSource[],
  outShape: number[],
  sh: number,
  sw: number,
): TensorInfo {
  const [n, h, w, c] = outShape;
  const [, ph, pw, pixel] = sources[0].tensor.shape;
  return ops.fromHeap(outShape, (out) => {
    const views = sources.map((s) => ops.view(s.tensor));
    const channels = sources.map((s) => s.channel);
    let dst = 0;
    for (let b = 0; b < n; b++) {
      for (let y = 0; y < h; y++) {
        const phaseRow = (y % sh) * sw;
        const rowBase = (b * ph + Math.floor(y / sh)) * pw;
        for (let x = 0; x < w; x++) {
          const k = phaseRow + x % sw;
          const src = (rowBase + Math.floor(x / sw)) * pixel + channels[k];
          if (c === 1) out[dst] = views[k][src];
          else out.set(views[k].subarray(src, src + c), dst);
          dst += c;
        }
      }
    }
  });
}

/**
 * One convolution per phase pays no extra FLOPs; one convolution for all
 * phases (sub-filters zero-padded to a common window) pays for the zero taps
 * but fills XNNPACK's 8-wide output-channel tiles. Measured on the GAN's
 * shapes (k5 s2), sharing wins only while all phases' channels fit one tile.
 */
const SHARED_CONV_MAX_CHANNELS = 8;

/**
 * Builds the `Conv2DBackpropInput` kernel function; `fallback` (the
 * backend's original kernel) handles what the decomposition does not:
 * NCHW data and empty tensors.
 */
export function makeConv2dBackpropInput(fallback: KernelFunc): KernelFunc {
  return (args) => {
    const attrs = args.attrs as unknown as Conv2DBackpropInputAttrs;
    const dy = args.inputs.dy as TensorInfo;
    const filter = args.inputs.filter as TensorInfo;
    const outShape = attrs.inputShape;
    if (
      attrs.dataFormat === "NCHW" ||
      [...dy.shape, ...filter.shape, ...outShape].includes(0)
    ) {
      return fallback(args);
    }
    const backend = args.backend as BackendWasm;
    const info = backend_util.computeConv2DInfo(
      outShape,
      filter.shape as [number, number, number, number],
      attrs.strides,
      1,
      attrs.pad,
      attrs.dimRoundingMode,
    );
    const { strideHeight: sh, strideWidth: sw } = info;
    const cin = outShape[3];
    const rows = planAxis(
      outShape[1],
      dy.shape[1],
      info.filterHeight,
      sh,
      info.padInfo.top,
    );
    const cols = planAxis(
      outShape[2],
      dy.shape[2],
      info.filterWidth,
      sw,
      info.padInfo.left,
    );
    return compose(backend, (ops) => {
      const wt = ops.transpose(filter, [0, 1, 3, 2]);
      const conv = (
        phases: { row: AxisPhase; col: AxisPhase }[],
      ): TensorInfo => {
        const { row, col } = phases[0];
        const f = phaseFilter(
          ops,
          wt,
          phases.map((p) => ({ rows: p.row.taps, cols: p.col.taps })),
        );
        return ops.conv2d(
          dy,
          f,
          [1, 1],
          [1, 1],
          explicitPad(row.padBefore, row.padAfter, col.padBefore, col.padAfter),
        );
      };
      if (sh === 1 && sw === 1) {
        return conv([{ row: rows.phases[0], col: cols.phases[0] }]);
      }
      let sources: PhaseSource[];
      if (sh * sw * cin <= SHARED_CONV_MAX_CHANNELS) {
        const alignedCols = alignPhases(cols);
        const all = alignPhases(rows).flatMap((row) => alignedCols.map((col) => ({ row, col })));
        const tensor = conv(all);
        sources = all.map((_, k) => ({ tensor, channel: k * cin }));
      } else {
        sources = rows.phases.flatMap((row) =>
          cols.phases.map((col) => ({
            tensor: conv([{ row, col }]),
            channel: 0,
          }))
        );
      }
      return interleave(ops, sources, outShape, sh, sw);
    });
  };
}
