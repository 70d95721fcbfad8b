/**
 * Signals from the detectors, expressed as weighted evidence for a category, the same currency as
 * keyword rules: personal data found in the text, look-alike accounts, a negative tone about the
 * school (complaint) and a hostile word right next to a named person (abuse).
 */
import type { CategoryId } from '../../domain/policy';
import type { Evidence } from '../../domain/model';
import { ANCHOR_BITS } from '../rules/compile';
import type { References } from '../detectors/references';
import type { DetectorHit } from '../detectors/personal-data';
import { valenceOf, type SentimentScore } from '../detectors/sentiment';
import type { NormalisedText } from '../text/normalise';

export interface WeightedEvidence {
  readonly category: CategoryId;
  readonly weight: number;
  readonly evidence: Evidence;
}

/**
 * Both tone signals misfired on other writers' benign mentions (leave-one-file-out: a negative tone
 * about the school was a complaint in 14% of the mentions it fired on, a hostile word next to a name
 * was abuse in 22%), so they no longer vote: they are model features instead (see model-signals.ts),
 * and the model weighs them against everything else in the mention.
 */
export const SIGNAL_WEIGHTS = {
  complaintTone: 0,
  complaintToneThreshold: -3,
  hostileWordNearPerson: 0,
  hostileValence: -3,
  hostileWindow: 4,
} as const;

export const detectorEvidence = (category: CategoryId, hits: readonly DetectorHit[]): WeightedEvidence[] =>
  hits.map((hit) => ({
    category,
    weight: hit.weight,
    evidence: { kind: 'detector', ruleId: `detector.${hit.detector}`, match: hit.match, score: hit.weight, explanation: `Contains ${hit.explanation}.` },
  }));

export const toneEvidence = (text: NormalisedText, refs: References, sentiment: SentimentScore): WeightedEvidence[] => {
  const out: WeightedEvidence[] = [];
  const aboutSchool = refs.schoolNamed || refs.anchors.some((a) => (a & (ANCHOR_BITS.school | ANCHOR_BITS.staff)) !== 0);
  if (aboutSchool && sentiment.total <= SIGNAL_WEIGHTS.complaintToneThreshold) {
    out.push({
      category: 'complaint',
      weight: SIGNAL_WEIGHTS.complaintTone,
      evidence: {
        kind: 'sentiment',
        ruleId: 'sentiment.negative-about-school',
        match: sentiment.mostNegative,
        score: sentiment.total,
        explanation: `Negative in tone about the school or its staff (sentiment ${sentiment.total}, e.g. "${sentiment.mostNegative}").`,
      },
    });
  }
  const named = [...refs.staff.filter((s) => s.staff !== undefined || s.how === 'title and unlisted name'), ...refs.pupils];
  if (named.length > 0) {
    const { tokens } = text;
    for (let i = 0; i < tokens.length; i++) {
      const v = valenceOf(tokens[i]!);
      if (v === undefined || v > SIGNAL_WEIGHTS.hostileValence) continue;
      const near = named.find((r) => i >= r.start - SIGNAL_WEIGHTS.hostileWindow && i < r.end + SIGNAL_WEIGHTS.hostileWindow);
      if (!near) continue;
      out.push({
        category: 'abuse',
        weight: SIGNAL_WEIGHTS.hostileWordNearPerson,
        evidence: {
          kind: 'sentiment',
          ruleId: 'sentiment.hostile-word-near-name',
          match: `${text.raw[i]} … ${near.written}`,
          score: v,
          explanation: `A hostile word ("${text.raw[i]}") right next to ${near.written}.`,
        },
      });
      break;
    }
  }
  return out;
};
