/**
 * Moderators' command line for cases (against the table named by TABLE_NAME; locally the runtime's
 * dynalite through AWS_ENDPOINT_URL_DYNAMODB):
 *   npm run cases -- list            --school <id> [--by <name>]
 *   npm run cases -- show <caseId>   --school <id> [--by <name>]
 *   npm run cases -- ack <caseId>    --school <id> --by <name> [--note <text>]
 *   npm run cases -- handle <caseId> --school <id> --by <name> --action <ladder step> [--note <text>]
 *   npm run cases -- false-positive <caseId> --school <id> --by <name> [--note <text>]
 *   npm run cases -- false-positives --school <id> [--since <ISO date>]   (JSON lines, for keyword tuning)
 */
import './attach-local';
import { parseArgs } from 'node:util';
import { LADDER, LADDER_STEPS, type LadderStep } from '../shared/domain/policy';
import { actOnCase, loadCase } from '../shared/cases/act-on-case';
import { describeStatus, isOverdue, type CaseCommand, type StoredCase } from '../shared/cases/case-lifecycle';
import { formatLocal } from '../shared/cases/deadline';
import { categoryHeadline, severityLabel } from '../shared/cases/email/case-view';
import { neutralise, oneLine } from '../shared/cases/email/safe-text';
import { dynamoDocumentClient } from '../shared/platform/clients';
import { tableName } from '../shared/platform/config';
import { DynamoCaseRepository } from '../shared/platform/dynamo-case-repository';
import { DynamoSchoolRepository } from '../shared/platform/dynamo-school-repository';
import { describeError } from '../shared/platform/errors';

const USAGE = `usage: npm run cases -- <list|show|ack|handle|false-positive|false-positives> [caseId] --school <id> [--by <name>] [--action <step>] [--note <text>] [--since <date>]
ladder steps: ${LADDER_STEPS.join(', ')}`;

const out = (line = ''): void => void process.stdout.write(`${line}\n`);
const usage = (message: string): never => {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
};

const clip = (value: string, max: number): string => (value.length > max ? `${value.slice(0, max - 1)}…` : value);

const main = async (): Promise<void> => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    strict: true,
    options: {
      school: { type: 'string' },
      by: { type: 'string' },
      action: { type: 'string' },
      note: { type: 'string' },
      since: { type: 'string' },
    },
  });
  const [command, caseId] = positionals;
  if (!command) return usage('Say what to do.');
  if (!values.school) return usage('--school is required.');
  const db = dynamoDocumentClient();
  const table = tableName();
  const cases = new DynamoCaseRepository(db, table);
  const school = await new DynamoSchoolRepository(db, table).getSchool(values.school);
  const now = new Date();
  const when = (iso: string): string => formatLocal(new Date(iso), school.timeZone);

  const act = async (build: (actor: string) => CaseCommand): Promise<void> => {
    if (!caseId) return usage('Which case? Give its id.');
    if (!values.by) return usage('--by is required: the case history records who acted.');
    const stored = await actOnCase(cases, caseId, build(values.by), now, school.id);
    out(`Case ${stored.case.id} is now ${describeStatus(stored.case.status)}.`);
    if (stored.case.firstResponseAt === stored.case.updatedAt) out(`First response: deadline ${stored.case.slaOutcome}.`);
  };

  switch (command) {
    case 'list': {
      const open = await cases.listOpen(school.id);
      const sorted = [...open].sort(
        (a, b) => Number(isOverdue(b.case, now)) - Number(isOverdue(a.case, now)) || a.case.dueAt.localeCompare(b.case.dueAt),
      );
      out(`${sorted.length} open case(s) for ${school.name}, overdue first:`);
      for (const s of sorted) {
        const flag = isOverdue(s.case, now) ? 'OVERDUE ' : '';
        out(`${flag}${s.case.id}  due ${when(s.case.dueAt)}  ${describeStatus(s.case.status)}  [${severityLabel(s)}] ${categoryHeadline(s)}`);
        out(`    ${clip(oneLine(s.mention.author ?? 'unknown author'), 40)}: ${clip(oneLine(s.mention.text), 100)}`);
      }
      return;
    }
    case 'show': {
      if (!caseId) return usage('Which case? Give its id.');
      const s: StoredCase = await loadCase(cases, caseId, school.id);
      out(`Case ${s.case.id} · ${describeStatus(s.case.status)}${isOverdue(s.case, now) ? ' · OVERDUE' : ''}`);
      out(`[${severityLabel(s)}] ${categoryHeadline(s)}`);
      out(`Received ${when(s.case.receivedAt)} · due ${when(s.case.dueAt)}`);
      if (s.case.firstResponseAt) out(`First response ${when(s.case.firstResponseAt)} · deadline ${s.case.slaOutcome}`);
      if (s.case.actionTaken) out(`Action taken: ${LADDER[s.case.actionTaken].label}`);
      out(`Author: ${oneLine(s.mention.author ?? 'unknown')} · ${s.mention.platform} · ${oneLine(s.mention.url ?? 'no link')}`);
      out(neutralise(clip(s.mention.text, 2_000)));
      out('History:');
      for (const h of await cases.history(s.case.id)) {
        out(`  ${when(h.at)}  ${oneLine(h.actor)}  ${h.action}${h.note ? `: ${oneLine(h.note)}` : ''}`);
      }
      return;
    }
    case 'ack':
      return act((actor) => ({ action: 'acknowledge', actor, note: values.note }));
    case 'false-positive':
      return act((actor) => ({ action: 'false_positive', actor, note: values.note }));
    case 'handle': {
      const step = values.action;
      if (!step || !(LADDER_STEPS as readonly string[]).includes(step)) return usage('--action must be a ladder step.');
      return act((actor) => ({ action: 'handle', step: step as LadderStep, actor, note: values.note }));
    }
    case 'false-positives': {
      const since = new Date(values.since ?? 0);
      if (Number.isNaN(since.getTime())) return usage('--since must be a date.');
      for (const s of await cases.listClosedSince(school.id, since)) {
        if (s.case.status !== 'false_positive') continue;
        const { categories, reasons, keywordVersion, modelVersion } = s.classification;
        const rules = reasons.flatMap((r) => r.evidence.flatMap((e) => (e.ruleId ? [{ category: r.category, ruleId: e.ruleId, match: e.match }] : [])));
        out(JSON.stringify({ caseId: s.case.id, schoolId: s.case.schoolId, closedAt: s.case.updatedAt, categories, rules, keywordVersion, modelVersion, text: s.mention.text }));
      }
      return;
    }
    default:
      return usage(`Unknown command "${command}".`);
  }
};

main().catch((error: unknown) => {
  process.stderr.write(`${describeError(error)}\n`);
  process.exit(1);
});
