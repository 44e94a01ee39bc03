/** Seeded shuffling and batching, addressable by step so a resumed run sees the same batches. */
import { mixSeed, permutation } from "../rng.ts";
import { PIXELS } from "./mnist.ts";

/**
 * Batches of a fixed size drawn without replacement: each epoch is a seeded
 * permutation; a partial last batch is dropped, as PyTorch's `drop_last`.
 */
export class Batcher {
  readonly batchesPerEpoch: number;
  #epoch = -1;
  #perm: Uint32Array = new Uint32Array(0);

  constructor(
    readonly images: Float32Array,
    readonly n: number,
    readonly batchSize: number,
    readonly seed: number,
  ) {
    if (batchSize > n) {
      throw new RangeError(`batch size ${batchSize} exceeds ${n} images`);
    }
    this.batchesPerEpoch = Math.floor(n / batchSize);
  }

  /** The images of batch number `step` (0-based), as batchSize·784 floats. */
  batch(step: number): Float32Array {
    const epoch = Math.floor(step / this.batchesPerEpoch);
    if (epoch !== this.#epoch) {
      this.#perm = permutation(mixSeed(this.seed, 0xda7a, epoch), this.n);
      this.#epoch = epoch;
    }
    const start = (step % this.batchesPerEpoch) * this.batchSize;
    const out = new Float32Array(this.batchSize * PIXELS);
    for (let i = 0; i < this.batchSize; i++) {
      const src = this.#perm[start + i] * PIXELS;
      out.set(this.images.subarray(src, src + PIXELS), i * PIXELS);
    }
    return out;
  }
}
