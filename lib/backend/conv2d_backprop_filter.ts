/**
 * `Conv2DBackpropFilter` for the wasm backend, which ships without one (so
 * no convolution can be trained on it out of the box).
 *
 * The filter gradient of a stride-s convolution is itself a convolution:
 *
 *   dW[i,j,c,o] = Σ_{n,p,q} x[n, s·p − padTop + i, s·q − padLeft + j, c] · dy[n,p,q,o]
 *
 * Reading c as the batch, n as the input channel and (p, q) as filter taps
 * at dilation s, that is a stride-1 convolution of x transposed to
 * [Cin, H, W, N] with dy transposed to [Ho, Wo, N, Cout], whose output
 * [Cin, kh, kw, Cout] is dW up to one more transpose. It runs on XNNPACK
 * with exactly the forward convolution's FLOPs, without materialising
 * patches.
 *
 * @module
 */
import {
  backend_util,
  type Conv2DBackpropFilterAttrs,
  type KernelFunc,
  type TensorInfo,
} from "@tensorflow/tfjs";
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import { compose, explicitPad } from "./wasm_ops.ts";

/**
 * Bottom (or right) padding that makes a stride-1 convolution of an input of
 * length `inLen`, padded by `before`, with `taps` taps at dilation `stride`
 * produce exactly `outLen` outputs. Negative when the forward convolution
 * never reads the input's last rows; the caller then pads 0 and crops.
 */
export function trailingPad(
  inLen: number,
  before: number,
  taps: number,
  stride: number,
  outLen: number,
): number {
  return outLen - 1 + stride * (taps - 1) + 1 - inLen - before;
}

/**
 * The `Conv2DBackpropFilter` kernel function: inputs `x` [N,H,W,Cin] and
 * `dy` [N,Ho,Wo,Cout], output dW with `attrs.filterShape` [kh,kw,Cin,Cout].
 */
export const conv2dBackpropFilter: KernelFunc = (args) => {
  const backend = args.backend as BackendWasm;
  const x = args.inputs.x as TensorInfo;
  const dy = args.inputs.dy as TensorInfo;
  const attrs = args.attrs as unknown as Conv2DBackpropFilterAttrs;
  if (attrs.dataFormat === "NCHW") {
    throw new Error("wasm Conv2DBackpropFilter supports only NHWC");
  }
  const [kh, kw, cin, cout] = attrs.filterShape;
  const info = backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    attrs.filterShape,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
  );
  const { strideHeight: sh, strideWidth: sw, outHeight, outWidth } = info;
  const { top, left } = info.padInfo;
  if (dy.shape[1] !== outHeight || dy.shape[2] !== outWidth) {
    throw new Error(
      `Conv2DBackpropFilter: dy ${dy.shape} does not match the forward ` +
        `output ${info.outShape}`,
    );
  }
  const [, inH, inW] = x.shape;
  const bottom = trailingPad(inH, top, outHeight, sh, kh);
  const right = trailingPad(inW, left, outWidth, sw, kw);
  // Rows the forward conv never reads come out as extra taps past kh / kw.
  const outH = kh + Math.max(0, -bottom);
  const outW = kw + Math.max(0, -right);

  return compose(backend, (ops) => {
    const xt = ops.transpose(x, [3, 1, 2, 0]);
    const dyt = ops.transpose(dy, [1, 2, 0, 3]);
    const dwt = ops.conv2d(
      xt,
      dyt,
      [1, 1],
      [sh, sw],
      explicitPad(top, Math.max(0, bottom), left, Math.max(0, right)),
    );
    const dw = ops.transpose(dwt, [1, 2, 0, 3]);
    if (outH === kh && outW === kw) return dw;
    return ops.slice(dw, [0, 0, 0, 0], [kh, kw, cin, cout]);
  });
};
