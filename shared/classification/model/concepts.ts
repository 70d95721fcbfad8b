/**
 * Concepts: hand-made word classes (data/model/concepts.json) such as "weapon", "menace", "child",
 * "secrecy" or "fraud". The model sees which concepts a mention contains, which pairs occur close
 * together ("weapon" near "future") and which sit next to a person or the school ("insult" near a
 * named member of staff). Concepts let a model trained on a few hundred school mentions recognise
 * wording it has never seen: a "machete" counts as a weapon even if no training mention had one.
 */
import { normalisePatternText } from '../rules/pattern';
import { stem } from '../text/stem';
import { ANCHOR_BITS } from '../rules/compile';
import type { NormalisedText } from '../text/normalise';

interface Phrase {
  readonly stems: readonly string[];
  readonly concept: number;
}

const PAIR_WINDOW = 6;
const ANCHOR_WINDOW = 4;
const ANCHOR_NAMES: readonly [string, number][] = [
  ['named', ANCHOR_BITS.named],
  ['staff', ANCHOR_BITS.staff],
  ['pupil', ANCHOR_BITS.pupil],
  ['school', ANCHOR_BITS.school],
  ['you', ANCHOR_BITS.you],
];

export class ConceptLexicon {
  readonly names: readonly string[];
  private readonly byFirstStem = new Map<string, Phrase[]>();

  constructor(concepts: Readonly<Record<string, readonly string[]>>) {
    this.names = Object.keys(concepts);
    this.names.forEach((name, concept) => {
      for (const term of concepts[name] ?? []) {
        const words = normalisePatternText(term).split(/\s+/).filter((w) => /^[a-z0-9]+$/.test(w));
        if (words.length === 0) continue;
        const stems = words.map(stem);
        const list = this.byFirstStem.get(stems[0]!) ?? [];
        if (!list.some((p) => p.concept === concept && p.stems.join(' ') === stems.join(' '))) list.push({ stems, concept });
        this.byFirstStem.set(stems[0]!, list);
      }
    });
  }

  /** The concepts found, as [token position, concept] pairs in text order. */
  find(stems: readonly string[]): [number, number][] {
    const found: [number, number][] = [];
    for (let i = 0; i < stems.length; i++) {
      const candidates = this.byFirstStem.get(stems[i]!);
      if (!candidates) continue;
      for (const phrase of candidates) {
        let ok = i + phrase.stems.length <= stems.length;
        for (let k = 1; ok && k < phrase.stems.length; k++) ok = stems[i + k] === phrase.stems[k];
        if (ok && !found.some(([at, c]) => at === i && c === phrase.concept)) found.push([i, phrase.concept]);
      }
    }
    return found;
  }

  /** Feature names: concepts present, concept pairs close together, concepts next to an anchor. */
  featureNames(text: NormalisedText, anchors: Uint8Array): string[] {
    const found = this.find(text.stems());
    if (found.length === 0) return [];
    const names = new Set<string>();
    for (const [, c] of found) names.add(`c:${this.names[c]}`);
    for (let x = 0; x < found.length; x++) {
      const [i, a] = found[x]!;
      for (let y = x + 1; y < found.length && found[y]![0] - i <= PAIR_WINDOW; y++) {
        const b = found[y]![1];
        if (a !== b) names.add(a < b ? `p:${this.names[a]}|${this.names[b]}` : `p:${this.names[b]}|${this.names[a]}`);
      }
      const from = Math.max(0, i - ANCHOR_WINDOW);
      const to = Math.min(anchors.length, i + ANCHOR_WINDOW + 1);
      let near = 0;
      for (let k = from; k < to; k++) if (k !== i) near |= anchors[k]!;
      for (const [anchorName, bit] of ANCHOR_NAMES) if (near & bit) names.add(`a:${this.names[a]}|${anchorName}`);
    }
    return [...names];
  }
}
