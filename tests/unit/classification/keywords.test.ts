import { describe, expect, it } from 'vitest';
import { classifyMention } from '../../../shared/classification/engine/classifier';
import { buildResources } from '../../../shared/classification/engine/resources';
import { ProposedChangeSchema } from '../../../shared/classification/keywords/changes';
import { defaultRuleSet } from '../../../shared/classification/keywords/defaults';
import { dryRun } from '../../../shared/classification/keywords/dry-run';
import { ClassifierCache } from '../../../shared/classification/keywords/rule-set-cache';
import { KeywordService } from '../../../shared/classification/keywords/service';
import { ConflictError, ValidationError } from '../../../shared/platform/errors';
import { MemoryKeywordStore } from './memory-keyword-store';
import { northbrook } from './helpers';

const clockAt = (start: string) => {
  let now = new Date(start).getTime();
  return { now: () => new Date(now), advance: (ms: number) => (now += ms) };
};

const addScrote = (scope = 'GLOBAL') =>
  ProposedChangeSchema.parse({
    scope,
    category: 'abuse',
    add: [{ id: 'abuse.scrote', kind: 'word', pattern: 'scrote', near: ['named'], label: 'an insult' }],
  });

describe('changing a keyword list', () => {
  it('saves a new version recording who, when and what changed', async () => {
    const store = new MemoryKeywordStore();
    const clock = clockAt('2025-03-03T09:00:00Z');
    const service = new KeywordService(store, defaultRuleSet(), clock);
    const saved = await service.apply(await service.propose(addScrote(), 'dsl@northbrook'));
    expect(saved).toMatchObject({ version: 1, updatedBy: 'dsl@northbrook', updatedAt: '2025-03-03T09:00:00.000Z' });
    expect(saved.rules.length).toBe(defaultRuleSet().abuse!.rules.length + 1);
    const [entry] = await store.history('GLOBAL', 'abuse', 5);
    expect(entry).toMatchObject({ version: 1, change: { by: 'dsl@northbrook', added: ['abuse.scrote'], summary: 'add word "scrote" (weight 1)' } });
  });

  it('refuses a catastrophic regular expression before saving, naming the rule', async () => {
    const service = new KeywordService(new MemoryKeywordStore(), defaultRuleSet(), clockAt('2025-03-03T09:00:00Z'));
    const change = ProposedChangeSchema.parse({ category: 'threat', add: [{ id: 'threat.evil', kind: 'regex', pattern: '(a+)+$' }] });
    await expect(service.propose(change, 'admin')).rejects.toThrow(ValidationError);
    await expect(service.propose(change, 'admin')).rejects.toThrow(/threat\.evil.*backtrack catastrophically/);
  });

  it('refuses to save over a version someone else saved meanwhile', async () => {
    const store = new MemoryKeywordStore();
    const service = new KeywordService(store, defaultRuleSet(), clockAt('2025-03-03T09:00:00Z'));
    const first = await service.propose(addScrote(), 'a');
    const second = await service.propose(addScrote(), 'b');
    await service.apply(first);
    await expect(service.apply(second)).rejects.toThrow(ConflictError);
  });

  it("lets a school switch off a global rule for itself only", async () => {
    const store = new MemoryKeywordStore();
    const service = new KeywordService(store, defaultRuleSet(), clockAt('2025-03-03T09:00:00Z'));
    const globalId = defaultRuleSet().threat!.rules[0]!.id;
    await service.apply(await service.propose(ProposedChangeSchema.parse({ scope: 'northbrook', category: 'threat', remove: [globalId] }), 'head'));
    expect((await service.effective('northbrook')).threat!.rules.some((r) => r.id === globalId)).toBe(false);
    expect((await service.effective('GLOBAL')).threat!.rules.some((r) => r.id === globalId)).toBe(true);
  });
});

describe('running classifiers pick up a change', () => {
  it('within a minute: the lists are re-read once the 60 s cache expires, not before', async () => {
    const store = new MemoryKeywordStore();
    const clock = clockAt('2025-03-03T09:00:00Z');
    const cache = new ClassifierCache(store, { defaults: defaultRuleSet, clock });
    const text = 'Mr Lloyd is a total scrote';
    const before = await cache.resourcesFor('northbrook');
    expect(classifyMention(before, northbrook, text).categories).not.toContain('abuse');

    const service = new KeywordService(store, defaultRuleSet(), clock);
    await service.apply(await service.propose(addScrote(), 'admin'));
    clock.advance(30_000);
    expect(classifyMention(await cache.resourcesFor('northbrook'), northbrook, text).categories).not.toContain('abuse');
    clock.advance(30_000);
    const after = await cache.resourcesFor('northbrook');
    expect(classifyMention(after, northbrook, text).categories).toContain('abuse');
    expect(after.keywordVersion).toContain('abuse@1');
  });
});

describe('the dry run', () => {
  it('lists the mentions that gain or lose the category and the precision/recall change', () => {
    const before = defaultRuleSet();
    const after = { ...before, abuse: { ...before.abuse!, rules: [...before.abuse!.rules, addScrote().add[0]!] } };
    const items = [
      { id: 'a', text: 'Mr Lloyd is a total scrote', school: northbrook, truth: ['abuse' as const], source: 'dev set' },
      { id: 'b', text: 'What time does the fair start?', school: northbrook, truth: [], source: 'dev set' },
      { id: 'c', text: 'that scrote Mr Dunmore', school: northbrook, source: 'recent mention' },
    ];
    const report = dryRun(buildResources(before), buildResources(after), 'abuse', items);
    expect(report.changes.map((c) => [c.id, c.nowRaised, c.correct])).toEqual([
      ['a', true, true],
      ['c', true, undefined],
    ]);
    expect(report.labelled).toMatchObject({ count: 2, before: { recall: 0 }, after: { recall: 1, precision: 1 } });
  });
});
