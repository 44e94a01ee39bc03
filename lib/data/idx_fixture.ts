/** Test fixtures: small IDX files built in memory. */

/** Builds an IDX byte array of unsigned bytes with the given dims and fill. */
export function makeIdx(
  dims: number[],
  fill = (i: number) => i % 256,
): Uint8Array {
  const count = dims.reduce((a, b) => a * b, 1);
  const out = new Uint8Array(4 + 4 * dims.length + count);
  const view = new DataView(out.buffer);
  out[2] = 0x08;
  out[3] = dims.length;
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  for (let i = 0; i < count; i++) out[4 + 4 * dims.length + i] = fill(i);
  return out;
}
