import { describe, expect, it } from 'vitest';
import { modelEvidence, shownPercent, strongestWords } from '../../../shared/classification/engine/model-signals';
import { extractFeatures, HASH_BITS, tokenBuckets } from '../../../shared/classification/model/features';
import { encodeVarints, LinearModel, ModelFileSchema } from '../../../shared/classification/model/linear-model';
import { normalise } from '../../../shared/classification/text/normalise';
import { productionResources } from './helpers';

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/** A one-head model that has learnt only that the given words mean "threat". */
const modelKnowing = (text: ReturnType<typeof normalise>, words: string[]) => {
  const buckets = [...new Set(words.flatMap((w) => tokenBuckets(text, text.tokens.indexOf(w))))].sort((a, b) => a - b);
  return new LinearModel(
    ModelFileSchema.parse({
      version: 'test',
      hashBits: HASH_BITS,
      heads: [{ name: 'threat', bias: -1, scale: 0.1, buckets: base64(encodeVarints(buckets)), weights: base64(new Uint8Array(buckets.length).fill(20)) }],
      thresholds: { threat: { lean: 0.5, confident: 0.6 } },
    }),
  );
};

describe('model evidence', () => {
  it('names the words that pushed the model towards the category, as the author wrote them', () => {
    const text = normalise('I know where she PARKS every morning', productionResources().lexicon);
    const model = modelKnowing(text, ['parks']);
    const p = model.predict(extractFeatures(text))[0]!;
    const [evidence] = modelEvidence(model, { threat: p }, new Set(), new Set(), productionResources().rules, text);
    expect(evidence!.category).toBe('threat');
    expect(evidence!.weight).toBe(1);
    expect(evidence!.evidence.explanation).toMatch(/% likely to be threat of violence, mostly because of "PARKS"\.$/);
  });

  it('never quotes a number or an address, even when the model leant on it', () => {
    const text = normalise('ring him on 07700900418 tonight', productionResources().lexicon);
    const model = modelKnowing(text, ['07700900418', 'tonight']);
    const p = model.predict(extractFeatures(text))[0]!;
    const [evidence] = modelEvidence(model, { threat: p }, new Set(), new Set(), productionResources().rules, text);
    expect(evidence!.evidence.explanation).not.toContain('07700');
    expect(evidence!.evidence.explanation).toContain('"tonight"');
  });

  it('never claims certainty: a probability that rounds to 100% is shown as 99%', () => {
    const text = normalise('I know where she parks', productionResources().lexicon);
    const model = modelKnowing(text, ['parks']);
    const [evidence] = modelEvidence(model, { threat: 0.9999 }, new Set(), new Set(), productionResources().rules, text);
    expect(evidence!.evidence.explanation).toContain('rates it 99% likely');
    expect(shownPercent(0.996)).toBe(99);
  });

  it('does not quote filler words such as "that", "the" or "won\'t" as the reason', () => {
    const text = normalise("that won't stop the beating", productionResources().lexicon);
    const model = modelKnowing(text, ['that', 'wont', 'the', 'beating']);
    expect(strongestWords(model, 0, text)).toEqual(['beating']);
  });

  it('stays silent for a category an administrator\'s exception cancelled', () => {
    const text = normalise('I know where she parks', productionResources().lexicon);
    const model = modelKnowing(text, ['parks']);
    const p = model.predict(extractFeatures(text))[0]!;
    expect(modelEvidence(model, { threat: p }, new Set(['threat']), new Set(), productionResources().rules, text)).toEqual([]);
  });
});
