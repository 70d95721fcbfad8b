/**
 * Everything the classifier needs besides the mention and the school, built once per rule-set
 * version: the compiled keyword rules, the lexicon the normaliser uses to undo disguises, and the
 * trained model. Building is the expensive part (a few milliseconds); classifying reuses it.
 */
import { compileRuleSet, type CompiledRuleSet } from '../rules/compile';
import type { RuleSet } from '../rules/schema';
import { Lexicon } from '../text/lexicon';
import { afinnWords } from '../detectors/sentiment';
import type { LinearModel } from '../model/linear-model';
import { ConceptLexicon } from '../model/concepts';
import conceptsJson from '../../../data/model/concepts.json';

/** Words people disguise most; a masked token ("f***", "p*kis") is read as the first that fits. */
export const PROFANITY = [
  'fuck', 'fucking', 'fucked', 'fucker', 'fuckin', 'shit', 'shite', 'shitty', 'cunt', 'cunts', 'prick', 'pricks', 'twat', 'twats', 'bitch',
  'bitches', 'bastard', 'slag', 'slags', 'slut', 'sluts', 'whore', 'dick', 'dickhead', 'cock', 'wanker', 'wankers', 'arse', 'arsehole',
  'ass', 'asshole', 'piss', 'pissed', 'bellend', 'nonce', 'nonces', 'paki', 'pakis', 'nigger', 'niggers', 'nigga', 'faggot', 'faggots',
  'fag', 'retard', 'retards', 'retarded', 'spastic', 'spaz', 'tranny', 'dyke', 'chink', 'gyppo', 'gyppos', 'pikey', 'pikeys', 'coon',
  'wog', 'wogs', 'bollocks', 'crap', 'kill', 'die', 'stab', 'rape', 'raped', 'muslims', 'islam', 'terrorist', 'terrorists', 'racist',
  'scum', 'slag', 'minger', 'gay', 'kys', 'kms',
];

export interface ClassifierResources {
  readonly rules: CompiledRuleSet;
  readonly lexicon: Lexicon;
  readonly model: LinearModel | undefined;
  readonly concepts: ConceptLexicon;
  /** Identifies the rule set in each classification, for audit. */
  readonly keywordVersion: string;
}

let concepts: ConceptLexicon | undefined;
const sharedConcepts = (): ConceptLexicon => (concepts ??= new ConceptLexicon(conceptsJson));

export const buildResources = (ruleSet: RuleSet, options: { model?: LinearModel; keywordVersion?: string } = {}): ClassifierResources => {
  const rules = compileRuleSet(ruleSet);
  const lexicon = new Lexicon()
    .addWords(PROFANITY, { stems: true, maskable: true })
    .addWords(rules.words, { stems: true })
    .addWords(afinnWords());
  return { rules, lexicon, model: options.model, concepts: sharedConcepts(), keywordVersion: options.keywordVersion ?? 'unversioned' };
};
