import { describe, expect, it } from 'vitest';
import { ClassificationSchema } from '../../../shared/domain/model';
import { classifyMention } from '../../../shared/classification/engine/classifier';
import { northbrook, productionResources } from './helpers';

const classify = (text: string) => classifyMention(productionResources(), northbrook, text);

describe('classifying a mention', () => {
  it('flags a disguised threat to a named teacher as threat and abuse, critical, with reasons', () => {
    const c = classify('mr lloyd u dirty fat nonce ill k1ll u 🔪🔪');
    expect(ClassificationSchema.parse(c)).toEqual(c);
    expect(c.flagged).toBe(true);
    expect(c.categories).toEqual(expect.arrayContaining(['threat', 'abuse']));
    expect(c.severity).toBe('critical');
    const threat = c.reasons.find((r) => r.category === 'threat')!;
    expect(threat.clauses).toBe('Trust 4.2.6; Alsop 1');
    expect(threat.summary).toMatch(/^Threat of violence: /);
    expect(threat.evidence.some((e) => e.kind === 'keyword' && /disguised "ill kill"/.test(e.explanation))).toBe(true);
  });

  it('flags veiled threats that use no violent word', () => {
    expect(classify("he'll get whats coming to him at the gates tomorrow").categories).toContain('threat');
    expect(classify("Don't send your kids into Northbrook on Friday. That's all I'm saying.").categories).toContain('threat');
  });

  it.each([
    'Year 11 absolutely killed it at the 10k on Sunday!! So proud 🔥',
    'That photo shoot for the prom though 😍 Year 13 you all look stunning',
    'Northbrook Academy shoots up county league tables after record GCSE results',
    'Anti-bullying week assemblies have been brilliant, my two came home talking about kindness',
    'Eid assembly this morning was lovely, thank you to the Year 10 girls who presented it',
    'Police visited Northbrook today to talk to Year 7 about road safety',
    'What time does the Christmas fair start on Saturday?',
  ])('leaves a hard benign mention unflagged: %s', (text) => {
    const c = classify(text);
    expect(c).toMatchObject({ flagged: false, categories: [], severity: null, reasons: [] });
  });

  it('takes the highest severity of the categories raised', () => {
    const c = classify('Mr Dunmore is a useless clown and the school never answers emails. Shambles.');
    expect(c.categories).toContain('abuse');
    expect(c.severity).toBe('high');
  });

  it('explains personal data without repeating the number in full', () => {
    const c = classify('His number is 07700 900418, ring him and tell him what you think');
    const reason = c.reasons.find((r) => r.category === 'personal_data')!;
    expect(JSON.stringify(reason)).not.toContain('900418');
    expect(reason.evidence.some((e) => e.explanation === 'Contains a mobile phone number.')).toBe(true);
  });
});
