/**
 * Small pieces shared by the training scripts: a seeded generator (for sampling and hold-outs, so
 * `npm run train` is reproducible) and the model file's envelope.
 */
import { HASH_BITS } from '../../shared/classification/model/features';
import type { ModelFile } from '../../shared/classification/model/linear-model';

export type { Example } from './logistic';

/** mulberry32: a small seeded generator, enough for shuffling and sampling. */
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

export const modelFile = (
  version: string,
  heads: ModelFile['heads'],
  thresholds: ModelFile['thresholds'],
  trainedOn: ModelFile['trainedOn'],
  flagging?: ModelFile['flagging'],
): ModelFile => ({ version, hashBits: HASH_BITS, heads, thresholds, ...(flagging ? { flagging } : {}), trainedOn });
