/**
 * `npm run keywords -- <list|show|add|remove|dry-run|apply> ...`: tune the keyword lists.
 *
 *   list     [--school <id>]                         lists per category: rules, exceptions, version, last change
 *   show     --category <c> [--school <id>] [--history]
 *   add      --category <c> --kind <word|stem|wildcard|phrase|regex> --pattern <p> [--weight 1] [--near named,school]
 *            [--within 8] [--label <text>] [--id <id>]   |   --category <c> --exception <phrase>
 *   remove   --category <c> --id <rule or exception id>
 *   dry-run  add ... | remove ... | --change <file.json>   shows the effect without saving
 *   apply    --change <file.json>                          a change file: {"scope","category","add","addExceptions","remove","threshold"}
 *
 * add, remove and apply print the dry run, then save as a new version (--by <name> says who; --dry-run
 * stops before saving). --school <id> edits that school's overrides instead of the global list.
 * Store: the DynamoDB table named by TABLE_NAME (endpoint from AWS_ENDPOINT_URL_DYNAMODB, e.g. the
 * local emulator) when set; otherwise the files in data/keywords (the bundled defaults themselves).
 */
import './attach-local';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { systemClock } from '../shared/domain/ports';
import { CATEGORY_IDS, type CategoryId } from '../shared/domain/policy';
import { buildResources } from '../shared/classification/engine/resources';
import { defaultRuleSet } from '../shared/classification/keywords/defaults';
import { ProposedChangeSchema, type ProposedChangeInput } from '../shared/classification/keywords/changes';
import { dryRun, type DryRunItem } from '../shared/classification/keywords/dry-run';
import { KeywordService } from '../shared/classification/keywords/service';
import { GLOBAL_SCOPE, isCategory, type KeywordStore } from '../shared/classification/keywords/store';
import { phraseWarnings } from '../shared/classification/rules/pattern';
import { RULE_KINDS, ANCHORS, type RuleKind, type Anchor } from '../shared/classification/rules/schema';
import { bundledModel } from '../shared/classification/model/load';
import { NO_SCHOOL } from '../shared/classification/school';
import { describeError } from '../shared/platform/errors';
import { flag, has, UsageError } from './classification/cli-args';
import { FileKeywordStore } from './classification/file-keyword-store';
import { readLabelled, readSchools, repoRoot } from './classification/labelled';
import { num, table } from './classification/table';

const out = (s = '') => process.stdout.write(`${s}\n`);

const openStore = async (): Promise<{ store: KeywordStore; recent?: (school: string, n: number) => Promise<{ id: string; text: string }[]>; where: string }> => {
  const tableName = process.env.TABLE_NAME?.trim();
  if (!tableName) return { store: new FileKeywordStore(path.join(repoRoot, 'data/keywords')), where: 'files in data/keywords (no TABLE_NAME set)' };
  const { dynamoDocumentClient } = await import('../shared/platform/clients');
  const { DynamoKeywordStore, DynamoRecentMentions } = await import('../shared/platform/dynamo-keyword-store');
  const recent = new DynamoRecentMentions(dynamoDocumentClient(), tableName);
  return {
    store: new DynamoKeywordStore(dynamoDocumentClient(), tableName),
    recent: (school, n) => recent.recent(school, n),
    where: `DynamoDB table ${tableName}${process.env.AWS_ENDPOINT_URL_DYNAMODB ? ` at ${process.env.AWS_ENDPOINT_URL_DYNAMODB}` : ''}`,
  };
};

const categoryArg = (args: string[]): CategoryId => {
  const c = flag(args, 'category');
  if (!c || !isCategory(c)) throw new UsageError(`--category must be one of: ${CATEGORY_IDS.join(', ')}`);
  return c;
};

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'rule';

/** A change from command-line flags ("add ..." or "remove ..."), or from a --change file. */
const changeFromArgs = (verb: string, args: string[], scope: string): ProposedChangeInput => {
  const file = flag(args, 'change');
  if (file) return { scope, ...(JSON.parse(readFileSync(file, 'utf8')) as object) } as ProposedChangeInput;
  const category = categoryArg(args);
  if (verb === 'remove') {
    const id = flag(args, 'id');
    if (!id) throw new UsageError('remove needs --id <rule or exception id> (see: keywords show --category ...)');
    return { scope, category, remove: [id] };
  }
  if (verb !== 'add') throw new UsageError('dry-run needs add ..., remove ... or --change <file.json>');
  const exception = flag(args, 'exception');
  const prefix = `${scope === GLOBAL_SCOPE ? '' : `${scope}.`}${category.replace('_', '-')}`;
  if (exception) return { scope, category, addExceptions: [{ id: flag(args, 'id') ?? `${prefix}.x.${slug(exception)}`, pattern: exception }] };
  const kind = flag(args, 'kind') as RuleKind | undefined;
  const pattern = flag(args, 'pattern');
  if (!kind || !RULE_KINDS.includes(kind)) throw new UsageError(`add needs --kind (${RULE_KINDS.join(', ')}) and --pattern, or --exception <phrase>`);
  if (!pattern) throw new UsageError('add needs --pattern');
  const near = flag(args, 'near')?.split(',').map((a) => a.trim()) as Anchor[] | undefined;
  if (near?.some((a) => !ANCHORS.includes(a))) throw new UsageError(`--near takes ${ANCHORS.join(', ')}`);
  return {
    scope,
    category,
    add: [
      {
        id: flag(args, 'id') ?? `${prefix}.${slug(pattern)}`,
        kind,
        pattern,
        weight: flag(args, 'weight') ? Number(flag(args, 'weight')) : 1,
        ...(near ? { near } : {}),
        ...(flag(args, 'within') ? { within: Number(flag(args, 'within')) } : {}),
        ...(flag(args, 'label') ? { label: flag(args, 'label') } : {}),
      },
    ],
  };
};

const dryRunItems = async (scope: string, recentCount: number, recent?: (school: string, n: number) => Promise<{ id: string; text: string }[]>): Promise<DryRunItem[]> => {
  const schools = readSchools();
  const dev = readLabelled('dev').filter((r) => scope === GLOBAL_SCOPE || r.school === scope);
  const items: DryRunItem[] = dev.map((r) => ({ id: r.id, text: r.text, school: schools.get(r.school) ?? NO_SCHOOL, truth: r.categories, source: 'dev set' }));
  if (scope !== GLOBAL_SCOPE && recent) {
    for (const m of await recent(scope, recentCount)) items.push({ id: m.id, text: m.text, school: schools.get(scope) ?? NO_SCHOOL, source: 'recent mention' });
  }
  return items;
};

const printDryRun = (report: ReturnType<typeof dryRun>): void => {
  out(`Dry run on ${report.items} mentions: ${report.category} raised for ${report.raisedBefore} before, ${report.raisedAfter} after.`);
  if (report.labelled) {
    const { before, after, count } = report.labelled;
    out(table(['labelled (' + count + ')', 'precision', 'recall', 'F1', 'TP', 'FP', 'FN'], [
      ['before', num(before.precision), num(before.recall), num(before.f1), before.tp, before.fp, before.fn],
      ['after', num(after.precision), num(after.recall), num(after.f1), after.tp, after.fp, after.fn],
    ]));
  }
  if (report.changes.length === 0) out('No mention changes.');
  for (const c of report.changes.slice(0, 50)) {
    const verdict = c.correct === undefined ? '' : c.correct ? ' (agrees with label)' : ' (DISAGREES with label)';
    out(`  ${c.nowRaised ? '+ now raised  ' : '- no longer   '} ${c.id} [${c.source}]${verdict}: ${c.text.replace(/\s+/g, ' ')}`);
  }
  if (report.changes.length > 50) out(`  … and ${report.changes.length - 50} more`);
};

const main = async (): Promise<void> => {
  const [command, ...rest] = process.argv.slice(2);
  const args = rest;
  const scope = flag(args, 'school') ?? GLOBAL_SCOPE;
  const { store, recent, where } = await openStore();
  process.stderr.write(`keyword store: ${where}\n`);
  const service = new KeywordService(store, defaultRuleSet(), systemClock);

  switch (command) {
    case 'list': {
      const rows: (string | number)[][] = [];
      for (const category of CATEGORY_IDS) {
        const g = await service.current(GLOBAL_SCOPE, category);
        const row: (string | number)[] = [
          category,
          g.list?.rules.length ?? 0,
          g.list?.exceptions.length ?? 0,
          g.version,
          g.stored && g.version > 0 ? `${g.stored.updatedBy} ${g.stored.updatedAt}` : 'bundled defaults',
        ];
        if (scope !== GLOBAL_SCOPE) {
          const s = await store.get(scope, category);
          row.push(s ? `v${s.version}: +${s.rules.length} rules, +${s.exceptions.length} exc, ${s.disabledIds.length} off` : '-');
        }
        rows.push(row);
      }
      out(table(['category', 'rules', 'exceptions', 'version', 'last change', ...(scope === GLOBAL_SCOPE ? [] : [`${scope} overrides`])], rows));
      return;
    }
    case 'show': {
      const category = categoryArg(args);
      const list = (await service.effective(scope))[category];
      out(`${category} (${scope === GLOBAL_SCOPE ? 'global' : `${scope}: global merged with its overrides`}), threshold ${list?.threshold ?? 1}`);
      out(table(['id', 'kind', 'weight', 'near', 'pattern'], (list?.rules ?? []).map((r) => [r.id, r.kind, r.weight, r.near ? `${r.near.join(',')} ≤${r.within}` : '', r.pattern.length > 70 ? `${r.pattern.slice(0, 69)}…` : r.pattern])));
      out('\nExceptions:');
      out(table(['id', 'pattern'], (list?.exceptions ?? []).map((e) => [e.id, e.pattern])));
      if (has(args, 'history')) {
        out('\nHistory:');
        out(table(['version', 'by', 'at', 'what changed'], (await store.history(scope, category, 20)).map((h) => [h.version, h.change.by, h.change.at, h.change.summary])));
      }
      return;
    }
    case 'add':
    case 'remove':
    case 'apply':
    case 'dry-run': {
      const verb = command === 'dry-run' ? (args[0] ?? '') : command;
      const change = ProposedChangeSchema.parse(changeFromArgs(verb === 'apply' ? 'file' : verb, command === 'dry-run' ? args.slice(1) : args, scope));
      const by = flag(args, 'by') ?? process.env.USER ?? 'cli';
      const proposal = await service.propose(change, by);
      const model = bundledModel();
      const items = await dryRunItems(change.scope, Number(flag(args, 'recent') ?? 200), recent);
      out(`Change to ${change.category} (${change.scope}): ${proposal.record.summary}`);
      for (const item of [...change.add.filter((r) => r.kind === 'phrase'), ...change.addExceptions]) {
        for (const warning of phraseWarnings(item.pattern)) out(`Warning: ${warning}`);
      }
      printDryRun(dryRun(buildResources(proposal.before, { model }), buildResources(proposal.after, { model }), change.category, items));
      if (command === 'dry-run' || has(args, 'dry-run')) {
        out('\nNothing saved (dry run).');
        return;
      }
      const saved = await service.apply(proposal);
      out(`\nSaved ${change.category} (${change.scope}) version ${saved.version} by ${saved.updatedBy} at ${saved.updatedAt}. Running classifiers pick it up within a minute.`);
      return;
    }
    default:
      throw new UsageError('usage: npm run keywords -- <list|show|add|remove|dry-run|apply> [options]  (see the header of scripts/keywords.ts)');
  }
};

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof UsageError ? error.message : describeError(error)}\n`);
  process.exitCode = 2;
});
