/**
 * The training examples for each model head: our labelled dev set, plus the public corpora mapped to
 * our categories as their PROVENANCE.md files describe. OLID's official test set is never used here.
 */
import type { CategoryId } from '../../shared/domain/policy';
import { analyse } from '../../shared/classification/engine/classifier';
import type { ClassifierResources } from '../../shared/classification/engine/resources';
import { NO_SCHOOL, type SchoolContext } from '../../shared/classification/school';
import * as corpora from './corpora';
import type { Example } from './train-linear';
import { seededRandom } from './train-linear';

export interface PublicExample {
  readonly source: string;
  readonly features: Uint32Array;
  readonly label: 0 | 1;
}

/** A labelled mention as the head trainer needs it. */
export interface DevExample {
  readonly features: Uint32Array;
  readonly categories: readonly CategoryId[];
}

export const OFFENSIVE_HEAD = 'offensive';

const sample = <T>(items: readonly T[], n: number, seed: number): T[] => {
  const random = seededRandom(seed);
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy.slice(0, n);
};

export const featurize = (resources: ClassifierResources, school: SchoolContext, text: string): Uint32Array =>
  analyse(resources, school, text).features();

/** Public examples per head (the category heads that have a public analogue, and the offensive head). */
export const publicExamples = (resources: ClassifierResources): Record<string, PublicExample[]> => {
  const f = (text: string) => featurize(resources, NO_SCHOOL, text);
  const ex = (source: string, text: string, label: 0 | 1): PublicExample => ({ source, features: f(text), label });

  const olid = corpora.olidTrain();
  const olidNot = olid.filter((r) => r.a === 'NOT');
  const davidson = corpora.davidson();
  const hate = corpora.tweetEval('hate', 'train');
  const ethosBinary = corpora.ethosBinary();
  const ethosMulti = corpora.ethosMulti();
  const cyber = corpora.cyberbullying();
  const complaints = corpora.complaints();
  const benignPool = [
    ...sample(olidNot, 1500, 1).map((r) => ex('olid NOT', r.text, 0)),
    ...sample(davidson.filter((r) => r.cls === 2), 1000, 2).map((r) => ex('davidson neither', r.text, 0)),
    ...sample(complaints.filter((r) => !r.complaint), 800, 3).map((r) => ex('complaints 0', r.text, 0)),
    ...sample(cyber.filter((r) => r.type === 'not_cyberbullying'), 800, 4).map((r) => ex('cyberbullying not_cb', r.text, 0)),
  ];

  return {
    threat: [
      ...ethosMulti.filter((r) => r.violence >= 0.5).map((r) => ex('ethos violence', r.text, 1)),
      ...ethosMulti.filter((r) => r.violence < 0.5).map((r) => ex('ethos hate, not violent', r.text, 0)),
      ...ethosBinary.filter((r) => r.hate < 0.5).map((r) => ex('ethos not hate', r.text, 0)),
      ...benignPool,
    ],
    discrimination: [
      ...davidson.filter((r) => r.cls === 0 && r.agreement >= 0.6).map((r) => ex('davidson hate', r.text, 1)),
      ...sample(davidson.filter((r) => r.cls === 1), 2000, 5).map((r) => ex('davidson offensive', r.text, 0)),
      ...sample(hate.filter((r) => r.label === 1), 2000, 6).map((r) => ex('tweeteval hate', r.text, 1)),
      ...sample(hate.filter((r) => r.label === 0), 2000, 7).map((r) => ex('tweeteval not hate', r.text, 0)),
      ...ethosMulti.filter((r) => r.identity >= 0.5).map((r) => ex('ethos identity hate', r.text, 1)),
      ...cyber.filter((r) => r.type === 'ethnicity' || r.type === 'religion').map((r) => ex(`cyberbullying ${r.type}`, r.text, 1)),
      ...benignPool,
    ],
    abuse: [
      ...olid.filter((r) => r.a === 'OFF' && r.b === 'TIN' && r.c === 'IND').map((r) => ex('olid TIN/IND', r.text, 1)),
      ...sample(olidNot, 3000, 8).map((r) => ex('olid NOT', r.text, 0)),
      ...benignPool,
    ],
    complaint: [
      ...complaints.filter((r) => r.complaint).map((r) => ex('complaints 1', r.text, 1)),
      ...complaints.filter((r) => !r.complaint).map((r) => ex('complaints 0', r.text, 0)),
      ...sample(olidNot, 1000, 9).map((r) => ex('olid NOT', r.text, 0)),
    ],
    [OFFENSIVE_HEAD]: olid.map((r) => ex(`olid ${r.a}`, r.text, r.a === 'OFF' ? 1 : 0)),
  };
};

/**
 * The examples one category head trains on. Dev positives are up-weighted to balance the classes;
 * the public corpora together weigh `publicShare` of the dev set, positives and negatives 1:2.
 */
export const headExamples = (
  head: string,
  dev: readonly DevExample[],
  publicSets: Readonly<Record<string, readonly PublicExample[]>>,
  publicShare: number,
): Example[] => {
  const category = head as CategoryId;
  const positives = dev.filter((d) => d.categories.includes(category)).length;
  const negatives = dev.length - positives;
  const positiveWeight = positives === 0 ? 1 : Math.min(5, negatives / positives);
  const examples: Example[] = dev.map((d) => {
    const label = d.categories.includes(category) ? 1 : 0;
    return { features: d.features, label, weight: label ? positiveWeight : 1 };
  });
  const extra = publicSets[head] ?? [];
  if (extra.length > 0 && dev.length > 0) {
    const devWeight = negatives + positives * positiveWeight;
    const pos = extra.filter((e) => e.label === 1).length;
    const neg = extra.length - pos;
    const budget = devWeight * publicShare;
    for (const e of extra) {
      const weight = e.label === 1 ? budget / 3 / Math.max(1, pos) : (2 * budget) / 3 / Math.max(1, neg);
      examples.push({ features: e.features, label: e.label, weight });
    }
  }
  return examples;
};
