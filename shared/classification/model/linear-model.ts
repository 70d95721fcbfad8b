/**
 * The trained model: one logistic-regression head per label over hashed features, weights quantised
 * to 8 bits and stored as base64 in data/model/model.json (written by `npm run train`). Loading builds
 * a bucket → row table once; scoring a mention is one table lookup per feature.
 */
import { z } from 'zod';
import { BUCKETS } from './features';

export const ModelFileSchema = z.object({
  version: z.string(),
  hashBits: z.number().int(),
  heads: z.array(z.string()).min(1),
  bias: z.array(z.number()),
  scale: z.array(z.number()),
  /** Sorted bucket ids, delta-encoded as unsigned LEB128 varints, base64. */
  buckets: z.string(),
  /** Int8 weights, row-major (one row per bucket, one column per head), base64. */
  weights: z.string(),
  /** Per category: probability at which the model counts half (lean) and fully (confident). */
  thresholds: z.record(z.string(), z.object({ lean: z.number(), confident: z.number() })).default({}),
  trainedOn: z.record(z.string(), z.unknown()).default({}),
});
export type ModelFile = z.infer<typeof ModelFileSchema>;

export class ModelFormatError extends Error {
  override readonly name = 'ModelFormatError';
}

const decodeBase64 = (b64: string): Uint8Array => new Uint8Array(Buffer.from(b64, 'base64'));

export const decodeVarints = (bytes: Uint8Array): number[] => {
  const out: number[] = [];
  let value = 0;
  let shift = 0;
  let last = 0;
  for (const byte of bytes) {
    value |= (byte & 0x7f) << shift;
    if (byte & 0x80) shift += 7;
    else {
      last += value;
      out.push(last);
      value = 0;
      shift = 0;
    }
  }
  return out;
};

export const encodeVarints = (sorted: readonly number[]): Uint8Array => {
  const bytes: number[] = [];
  let last = 0;
  for (const id of sorted) {
    let delta = id - last;
    last = id;
    while (delta >= 0x80) {
      bytes.push((delta & 0x7f) | 0x80);
      delta >>>= 7;
    }
    bytes.push(delta);
  }
  return Uint8Array.from(bytes);
};

export class LinearModel {
  readonly heads: readonly string[];
  readonly version: string;
  readonly thresholds: ModelFile['thresholds'];
  private readonly rowOf: Int32Array;
  private readonly weights: Int8Array;
  private readonly bias: Float64Array;
  private readonly scale: Float64Array;
  private readonly sums: Float64Array;

  constructor(file: ModelFile) {
    if (1 << file.hashBits !== BUCKETS) throw new ModelFormatError(`model uses ${file.hashBits}-bit hashing; the code expects ${Math.log2(BUCKETS)}`);
    const h = file.heads.length;
    if (file.bias.length !== h || file.scale.length !== h) throw new ModelFormatError('bias/scale do not match the heads');
    const buckets = decodeVarints(decodeBase64(file.buckets));
    const weightBytes = decodeBase64(file.weights);
    if (weightBytes.length !== buckets.length * h) throw new ModelFormatError('weights do not match buckets × heads');
    this.heads = file.heads;
    this.version = file.version;
    this.thresholds = file.thresholds;
    this.weights = new Int8Array(weightBytes.buffer, weightBytes.byteOffset, weightBytes.length);
    this.rowOf = new Int32Array(BUCKETS).fill(-1);
    buckets.forEach((bucket, row) => {
      this.rowOf[bucket] = row;
    });
    this.bias = Float64Array.from(file.bias);
    this.scale = Float64Array.from(file.scale);
    this.sums = new Float64Array(h);
  }

  headIndex(name: string): number {
    return this.heads.indexOf(name);
  }

  /** Probabilities per head, in `heads` order. The returned array is reused: copy what you keep. */
  predict(features: Uint32Array): Float64Array {
    const h = this.heads.length;
    const sums = this.sums;
    sums.fill(0);
    for (let f = 0; f < features.length; f++) {
      const row = this.rowOf[features[f]!]!;
      if (row < 0) continue;
      const base = row * h;
      for (let k = 0; k < h; k++) sums[k]! += this.weights[base + k]!;
    }
    for (let k = 0; k < h; k++) sums[k] = 1 / (1 + Math.exp(-(this.bias[k]! + this.scale[k]! * sums[k]!)));
    return sums;
  }
}
