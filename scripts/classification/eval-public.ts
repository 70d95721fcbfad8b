/**
 * Evaluation on the public corpora, mapped to our categories as their PROVENANCE.md says. Each figure
 * says whether that corpus (or that part of it) was in the model's training data: only held-out
 * figures are honest estimates. The category heads are trained on our labelled mentions only (mixing
 * in public corpora did not help in leave-one-file-out); the offensive head on OLID's training set.
 */
import type { CategoryId } from '../../shared/domain/policy';
import { analyse, classifyMention } from '../../shared/classification/engine/classifier';
import type { ClassifierResources } from '../../shared/classification/engine/resources';
import { binaryReport } from '../../shared/classification/evaluation/metrics';
import { NO_SCHOOL } from '../../shared/classification/school';
import * as corpora from './corpora';
import { num, pct, table } from './table';

export interface PublicFigure {
  readonly corpus: string;
  readonly slice: string;
  readonly n: number;
  readonly measure: string;
  readonly value: string;
  readonly heldOut: boolean;
}

const flags = (resources: ClassifierResources, text: string, categories: readonly CategoryId[]): boolean =>
  classifyMention(resources, NO_SCHOOL, text).categories.some((c) => categories.includes(c));

export const olidLevelA = (resources: ClassifierResources) => {
  const model = resources.model;
  if (!model) throw new Error('OLID level A needs the trained model (run npm run train)');
  const head = model.headIndex('offensive');
  const threshold = model.thresholds.offensive?.lean ?? 0.5;
  const pairs = corpora.olidTest().map((r) => ({
    truth: r.a === 'OFF',
    predicted: model.predict(analyse(resources, NO_SCHOOL, r.text).features())[head]! >= threshold,
  }));
  return { threshold, ...binaryReport(pairs) };
};

export const evaluatePublic = (resources: ClassifierResources, limit = Infinity): PublicFigure[] => {
  const figures: PublicFigure[] = [];
  const take = <T>(rows: T[]): T[] => rows.slice(0, limit);
  const binary = (corpus: string, slice: string, heldOut: boolean, pairs: { truth: boolean; predicted: boolean }[]) => {
    const r = binaryReport(pairs);
    figures.push({ corpus, slice, n: r.count, measure: 'P / R / F1', value: `${num(r.precision)} / ${num(r.recall)} / ${num(r.positiveF1)}`, heldOut });
  };
  const rate = (corpus: string, slice: string, heldOut: boolean, measure: string, hits: boolean[]) =>
    figures.push({ corpus, slice, n: hits.length, measure, value: pct(hits.filter(Boolean).length / Math.max(1, hits.length)), heldOut });

  if (resources.model) {
    const olid = olidLevelA(resources);
    figures.push({ corpus: 'OLID', slice: `level A official test (threshold ${olid.threshold})`, n: olid.count, measure: 'macro-F1', value: num(olid.macroF1, 3), heldOut: true });
  }
  const hatecheck = take(corpora.hateCheck());
  binary('HateCheck', 'hateful → discrimination or threat', true, hatecheck.map((r) => ({ truth: r.hateful, predicted: flags(resources, r.text, ['discrimination', 'threat']) })));
  const threats = hatecheck.filter((r) => r.functionality.startsWith('threat_'));
  rate('HateCheck', 'threat_dir/threat_norm', true, 'flagged as threat', threats.map((r) => flags(resources, r.text, ['threat'])));
  const counter = hatecheck.filter((r) => /^(counter_|ident_|negate_neg|slur_homonym|slur_reclaimed)/.test(r.functionality));
  rate('HateCheck', 'counter-speech, neutral identity, homonyms', true, 'wrongly flagged', counter.map((r) => flags(resources, r.text, ['discrimination', 'threat', 'abuse'])));
  binary('TweetEval hate', 'test (hate → discrimination)', true, take(corpora.tweetEval('hate', 'test')).map((r) => ({ truth: r.label === 1, predicted: flags(resources, r.text, ['discrimination']) })));
  const davidson = take(corpora.davidson());
  binary('Davidson', 'class 0 hate → discrimination', true, davidson.map((r) => ({ truth: r.cls === 0, predicted: flags(resources, r.text, ['discrimination']) })));
  const ethos = take(corpora.ethosBinary());
  binary('ETHOS', 'isHate ≥ 0.5 → discrimination or threat', true, ethos.map((r) => ({ truth: r.hate >= 0.5, predicted: flags(resources, r.text, ['discrimination', 'threat']) })));
  const complaints = take(corpora.complaints());
  binary('Complaints (Twitter)', 'label 1 → complaint', true, complaints.map((r) => ({ truth: r.complaint, predicted: flags(resources, r.text, ['complaint']) })));
  const sentiment = take(corpora.tweetEval('sentiment', 'test')).filter((r) => r.label !== 1);
  binary('TweetEval sentiment', 'test, negative vs positive: AFINN score < 0', true, sentiment.map((r) => ({ truth: r.label === 0, predicted: analyse(resources, NO_SCHOOL, r.text).sentiment.total < 0 })));
  const cyber = take(corpora.cyberbullying());
  rate('Cyberbullying', 'age (school bullying talk) flagged at all', true, 'flagged', cyber.filter((r) => r.type === 'age').map((r) => classifyMention(resources, NO_SCHOOL, r.text).flagged));
  rate('Cyberbullying', 'not_cyberbullying', true, 'wrongly flagged', cyber.filter((r) => r.type === 'not_cyberbullying').map((r) => classifyMention(resources, NO_SCHOOL, r.text).flagged));
  const presidio = take(corpora.presidio());
  const sensitive = /^(PHONE_NUMBER|EMAIL_ADDRESS|STREET_ADDRESS|CREDIT_CARD|US_SSN|IBAN_CODE|IP_ADDRESS|US_DRIVER_LICENSE)$/;
  const withPii = presidio.filter((r) => r.spans.some((s) => sensitive.test(s.entity_type)));
  for (const type of ['PHONE_NUMBER', 'EMAIL_ADDRESS', 'STREET_ADDRESS']) {
    rate('Presidio PII', `records with ${type}`, true, 'personal_data flagged', withPii.filter((r) => r.spans.some((s) => s.entity_type === type)).map((r) => flags(resources, r.text, ['personal_data'])));
  }
  rate('Presidio PII', 'records without PII spans', true, 'wrongly flagged', presidio.filter((r) => r.spans.length === 0).map((r) => flags(resources, r.text, ['personal_data'])));
  return figures;
};

export const formatPublic = (figures: readonly PublicFigure[]): string =>
  table(
    ['corpus', 'slice', 'n', 'measure', 'value', 'held out?'],
    figures.map((f) => [f.corpus, f.slice, f.n, f.measure, f.value, f.heldOut ? 'yes' : 'no (trained on it)']),
  );
