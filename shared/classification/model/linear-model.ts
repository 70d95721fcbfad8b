/**
 * The trained model: one logistic-regression head per label over hashed features, weights quantised
 * to 8 bits and stored as base64 in data/model/model.json (written by `npm run train`). Loading builds
 * a bucket → row table once; scoring a mention is one table lookup per feature.
 */
import * as z from 'zod';
import { BUCKETS } from './features';

const HeadSchema = z.object({
  name: z.string(),
  bias: z.number(),
  /** Weight of one quantisation step. */
  scale: z.number(),
  /** The head's sorted bucket ids, delta-encoded as unsigned LEB128 varints, base64. */
  buckets: z.string(),
  /** One int8 weight per bucket, base64. */
  weights: z.string(),
});

export const ModelFileSchema = z.object({
  version: z.string(),
  hashBits: z.number().int(),
  heads: z.array(HeadSchema).min(1),
  /** Per category: probability at which the model counts half (lean) and fully (confident). */
  thresholds: z.record(z.string(), z.object({ lean: z.number(), confident: z.number() })).default({}),
  /**
   * The breach head's threshold and, per category, the probability at which a flagged mention also
   * gets the category (see engine/flagging.ts). Absent in models without a breach head.
   */
  flagging: z.object({ breach: z.number(), conditional: z.record(z.string(), z.number()) }).optional(),
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
  /** What the model was trained on, with its cross-validated dev figures (written by npm run train). */
  readonly trainedOn: ModelFile['trainedOn'];
  readonly flagging: ModelFile['flagging'];
  private readonly rowOf: Int32Array;
  private readonly weights: Int8Array;
  private readonly bias: Float64Array;
  private readonly scale: Float64Array;
  private readonly sums: Float64Array;

  constructor(file: ModelFile) {
    if (1 << file.hashBits !== BUCKETS) throw new ModelFormatError(`model uses ${file.hashBits}-bit hashing; the code expects ${Math.log2(BUCKETS)}`);
    const h = file.heads.length;
    const perHead = file.heads.map((head) => {
      const buckets = decodeVarints(decodeBase64(head.buckets));
      const weights = decodeBase64(head.weights);
      if (weights.length !== buckets.length) throw new ModelFormatError(`head ${head.name}: ${weights.length} weights for ${buckets.length} buckets`);
      return { buckets, weights: new Int8Array(weights.buffer, weights.byteOffset, weights.length) };
    });
    // One row per bucket any head uses, one column per head: a single lookup per feature at run time.
    this.rowOf = new Int32Array(BUCKETS).fill(-1);
    let rows = 0;
    for (const { buckets } of perHead) for (const b of buckets) if (this.rowOf[b] === -1) this.rowOf[b] = rows++;
    this.weights = new Int8Array(rows * h);
    perHead.forEach(({ buckets, weights }, k) => {
      buckets.forEach((b, i) => {
        this.weights[this.rowOf[b]! * h + k] = weights[i]!;
      });
    });
    this.heads = file.heads.map((head) => head.name);
    this.version = file.version;
    this.thresholds = file.thresholds;
    this.trainedOn = file.trainedOn;
    this.flagging = file.flagging;
    this.bias = Float64Array.from(file.heads.map((head) => head.bias));
    this.scale = Float64Array.from(file.heads.map((head) => head.scale));
    this.sums = new Float64Array(h);
  }

  headIndex(name: string): number {
    return this.heads.indexOf(name);
  }

  /** The weight of one feature bucket in one head (0 when the head does not use it). */
  weightOf(bucket: number, head: number): number {
    const row = this.rowOf[bucket];
    return row === undefined || row < 0 ? 0 : this.weights[row * this.heads.length + head]! * this.scale[head]!;
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
