/** Parser for the IDX format that MNIST ships in (unsigned-byte tensors only). */
import { DataError } from "../errors.ts";

/** A parsed IDX tensor: its dimensions and its bytes, row-major. */
export interface IdxTensor {
  dims: number[];
  data: Uint8Array;
}

const UBYTE = 0x08;

/**
 * Parses an IDX file of unsigned bytes. `name` appears in every error, so a
 * truncated or corrupt file is reported by name, not as a crash further on.
 * `expectDims` (optional) checks the rank and any non-null dimension.
 */
export function parseIdx(
  bytes: Uint8Array,
  name: string,
  expectDims?: (number | null)[],
): IdxTensor {
  if (bytes.length < 4) {
    throw new DataError(
      `${name}: file too short for an IDX header (${bytes.length} bytes)`,
    );
  }
  if (bytes[0] !== 0 || bytes[1] !== 0) {
    throw new DataError(`${name}: not an IDX file (bad magic number)`);
  }
  if (bytes[2] !== UBYTE) {
    throw new DataError(
      `${name}: IDX element type 0x${bytes[2].toString(16)} is not unsigned byte`,
    );
  }
  const rank = bytes[3];
  if (rank < 1 || rank > 4) {
    throw new DataError(`${name}: IDX rank ${rank} is not 1 to 4`);
  }
  const header = 4 + 4 * rank;
  if (bytes.length < header) {
    throw new DataError(
      `${name}: truncated IDX header (${bytes.length} bytes)`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims: number[] = [];
  for (let i = 0; i < rank; i++) dims.push(view.getUint32(4 + 4 * i, false));
  if (expectDims) {
    if (expectDims.length !== rank) {
      throw new DataError(
        `${name}: expected ${expectDims.length} dimensions, found ${rank}`,
      );
    }
    expectDims.forEach((d, i) => {
      if (d !== null && dims[i] !== d) {
        throw new DataError(
          `${name}: dimension ${i} is ${dims[i]}, expected ${d} (shape ${dims.join("x")})`,
        );
      }
    });
  }
  const count = dims.reduce((a, b) => a * b, 1);
  if (count === 0) {
    throw new DataError(
      `${name}: IDX tensor is empty (shape ${dims.join("x")})`,
    );
  }
  const expected = header + count;
  if (bytes.length !== expected) {
    throw new DataError(
      `${name}: ${bytes.length < expected ? "truncated" : "has trailing bytes"}: ` +
        `${bytes.length} bytes, expected ${expected} for shape ${dims.join("x")}`,
    );
  }
  return { dims, data: bytes.subarray(header) };
}
