/**
 * Each keyword rule's (and detector's) precision by writer: how often the category it votes for was
 * right when it matched, on the files the keyword lists were not written on, and on those they were.
 * The bundled lists were pruned once with AUDIT_POLICY (see the README); `npm run eval -- --cv --rules`
 * prints this table so the audit can be repeated when new labelled files arrive.
 */
import { CATEGORY_IDS } from '../../shared/domain/policy';
import { RULES_WRITTEN_ON } from './cross-validate';
import type { LabelledExample } from './labelled-examples';
import { table } from './table';

export const AUDIT_POLICY = {
  /** A rule with a full vote keeps it when right at least this often on other writers' mentions. */
  keepStrong: 0.75,
  /** Below this a rule is removed (with at least `minFirings` firings); between, it gets half a vote. */
  keepWeak: 0.5,
  minFirings: 5,
} as const;

interface Tally {
  category: string;
  id: string;
  firings: number;
  right: number;
  benign: number;
  firingsWrittenOn: number;
  rightWrittenOn: number;
}

export const auditRules = (examples: readonly LabelledExample[]): Tally[] => {
  const tallies = new Map<string, Tally>();
  for (const e of examples) {
    const other = !RULES_WRITTEN_ON.has(e.file);
    CATEGORY_IDS.forEach((category, k) => {
      for (const id of new Set(e.ruleIds[k])) {
        const key = `${category} ${id}`;
        const t = tallies.get(key) ?? { category, id, firings: 0, right: 0, benign: 0, firingsWrittenOn: 0, rightWrittenOn: 0 };
        const right = e.categories.includes(category) ? 1 : 0;
        if (other) {
          t.firings++;
          t.right += right;
          if (e.categories.length === 0) t.benign++;
        } else {
          t.firingsWrittenOn++;
          t.rightWrittenOn += right;
        }
        tallies.set(key, t);
      }
    });
  }
  return [...tallies.values()];
};

export const formatRuleAudit = (tallies: readonly Tally[]): string => {
  const rows = tallies
    .filter((t) => t.firings >= 2)
    .sort((a, b) => a.right / a.firings - b.right / b.firings || b.firings - a.firings)
    .map((t) => {
      const precision = t.right / t.firings;
      const verdict =
        precision >= AUDIT_POLICY.keepStrong ? 'precise' : precision >= AUDIT_POLICY.keepWeak || t.firings < AUDIT_POLICY.minFirings ? 'half a vote at most' : 'misfires';
      return [t.category, t.id.slice(0, 64), `${t.right}/${t.firings}`, (precision * 100).toFixed(0) + '%', t.benign, `${t.rightWrittenOn}/${t.firingsWrittenOn}`, verdict];
    });
  return [
    '== Keyword rules and detectors that matched at least twice on the files the lists were not written on (positive votes only)',
    table(['category', 'rule', 'right/matched', 'precision', 'on benign', 'right/matched (written on)', 'verdict'], rows),
    '',
  ].join('\n');
};
