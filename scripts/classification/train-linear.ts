/**
 * Logistic regression on hashed features, trained with AdaGrad and L2, one binary head at a time;
 * then pruned to the strongest weights and quantised to 8 bits for the committed model file.
 * Deterministic: the example order comes from a seeded generator, so `npm run train` reproduces
 * the same model from the same data.
 */
import { BUCKETS, HASH_BITS } from '../../shared/classification/model/features';
import { encodeVarints, type ModelFile } from '../../shared/classification/model/linear-model';

export interface Example {
  readonly features: Uint32Array;
  readonly label: 0 | 1;
  readonly weight: number;
}

export interface TrainedHead {
  readonly name: string;
  readonly bias: number;
  readonly weights: Float32Array;
}

export interface TrainOptions {
  readonly epochs: number;
  readonly learningRate: number;
  readonly l2: number;
  readonly seed: number;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = { epochs: 8, learningRate: 0.3, l2: 1e-3, seed: 20240901 };

/** mulberry32: a small seeded generator, enough for shuffling. */
export const seededRandom = (seed: number): (() => number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-Math.max(-30, Math.min(30, z))));

export const trainHead = (name: string, examples: readonly Example[], options: TrainOptions = DEFAULT_TRAIN_OPTIONS): TrainedHead => {
  const weights = new Float32Array(BUCKETS);
  const gradSquares = new Float32Array(BUCKETS).fill(1e-8);
  let bias = 0;
  let biasSquares = 1e-8;
  const random = seededRandom(options.seed ^ name.length);
  const order = examples.map((_, i) => i);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const index of order) {
      const example = examples[index]!;
      let z = bias;
      for (const f of example.features) z += weights[f]!;
      const gradient = (sigmoid(z) - example.label) * example.weight;
      biasSquares += gradient * gradient;
      bias -= (options.learningRate * gradient) / Math.sqrt(biasSquares);
      for (const f of example.features) {
        const g = gradient + options.l2 * weights[f]!;
        gradSquares[f]! += g * g;
        weights[f]! -= (options.learningRate * g) / Math.sqrt(gradSquares[f]!);
      }
    }
  }
  return { name, bias, weights };
};

export const predictHead = (head: TrainedHead, features: Uint32Array): number => {
  let z = head.bias;
  for (const f of features) z += head.weights[f]!;
  return sigmoid(z);
};

/** Keeps the `keep` largest weights (by magnitude) and quantises them to int8. */
export const compressHead = (head: TrainedHead, keep: number): ModelFile['heads'][number] => {
  const indices: number[] = [];
  for (let i = 0; i < head.weights.length; i++) if (head.weights[i] !== 0) indices.push(i);
  indices.sort((a, b) => Math.abs(head.weights[b]!) - Math.abs(head.weights[a]!));
  const kept = indices.slice(0, keep).sort((a, b) => a - b);
  const max = kept.reduce((m, i) => Math.max(m, Math.abs(head.weights[i]!)), 1e-9);
  const scale = max / 127;
  const buckets: number[] = [];
  const quantised: number[] = [];
  for (const i of kept) {
    const q = Math.round(head.weights[i]! / scale);
    if (q === 0) continue;
    buckets.push(i);
    quantised.push(q);
  }
  return {
    name: head.name,
    bias: Math.round(head.bias * 1e6) / 1e6,
    scale,
    buckets: Buffer.from(encodeVarints(buckets)).toString('base64'),
    weights: Buffer.from(Int8Array.from(quantised).buffer).toString('base64'),
  };
};

export const modelFile = (
  version: string,
  heads: ModelFile['heads'],
  thresholds: ModelFile['thresholds'],
  trainedOn: ModelFile['trainedOn'],
): ModelFile => ({ version, hashBits: HASH_BITS, heads, thresholds, trainedOn });
