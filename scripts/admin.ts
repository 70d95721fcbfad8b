/**
 * Administrators' command line: schools (recipients, staff names, SLA settings) and their sources.
 * Works on the table named by TABLE_NAME, or on the stack of a running `npm start`.
 *   npm run admin -- school list
 *   npm run admin -- school show <schoolId>
 *   npm run admin -- school put <school.json>          validate and save a school's configuration
 *   npm run admin -- school check <school.json>        validate only (exit 2 with every problem named)
 *   npm run admin -- source list --school <id>         sources with their health and next poll
 *   npm run admin -- source add --school <id> --kind feed --url <url> --label <text> [--id <id>]
 *                              [--platform <p>] [--every <minutes>] [--account <id>] [--token-ref <name>] [--official]
 *   npm run admin -- source remove <sourceId> --school <id>
 */
import './attach-local';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { PLATFORMS, SOURCE_KINDS, type Platform, type SourceKind } from '../shared/domain/model';
import { dynamoDocumentClient } from '../shared/platform/clients';
import { tableName } from '../shared/platform/config';
import { DynamoSchoolRepository, validateSchool } from '../shared/platform/dynamo-school-repository';
import { DynamoSourceRepository } from '../shared/platform/dynamo-source-repository';
import { AppError, describeError } from '../shared/platform/errors';

const USAGE = `usage:
  npm run admin -- school <list | show <id> | put <file> | check <file>>
  npm run admin -- source <list | add | remove <sourceId>> --school <id> [options]
source kinds: ${SOURCE_KINDS.join(', ')}; platforms: ${PLATFORMS.join(', ')}`;

const DEFAULT_PLATFORM: Record<SourceKind, Platform> = {
  feed: 'web',
  facebook_page: 'facebook',
  instagram_account: 'instagram',
  youtube_channel: 'youtube',
  x_account: 'x',
};

const out = (line = ''): void => void process.stdout.write(`${line}\n`);

class UsageError extends Error {}

const slug = (text: string): string =>
  text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60) || 'source';

const readJsonFile = (file: string): unknown => {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`Cannot read ${file} as JSON: ${(error as Error).message}`);
  }
};

const main = async (): Promise<void> => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    strict: true,
    options: {
      school: { type: 'string' },
      kind: { type: 'string' },
      url: { type: 'string' },
      label: { type: 'string' },
      id: { type: 'string' },
      platform: { type: 'string' },
      every: { type: 'string' },
      account: { type: 'string' },
      'token-ref': { type: 'string' },
      official: { type: 'boolean', default: false },
    },
  });
  const [area, command, arg] = positionals;

  if (area === 'school' && command === 'check') {
    if (!arg) throw new UsageError('Which file?');
    const school = validateSchool(readJsonFile(arg), arg);
    out(`${arg}: valid — ${school.name} (${school.id}), ${school.contacts.length} contacts, ${school.staff.length} staff`);
    return;
  }

  const db = dynamoDocumentClient();
  const table = tableName();
  const schools = new DynamoSchoolRepository(db, table);
  const sources = new DynamoSourceRepository(db, table);

  if (area === 'school') {
    if (command === 'list') {
      for (const s of await schools.listSchools()) out(`${s.id}\t${s.name}\t${s.timeZone}\t${s.contacts.length} contacts`);
      return;
    }
    if (command === 'show') {
      if (!arg) throw new UsageError('Which school? Give its id.');
      out(JSON.stringify(await schools.getSchool(arg), null, 2));
      return;
    }
    if (command === 'put') {
      if (!arg) throw new UsageError('Which file?');
      const saved = await schools.putSchool(validateSchool(readJsonFile(arg), arg));
      out(`saved ${saved.name} (${saved.id})`);
      return;
    }
  }

  if (area === 'source') {
    const schoolId = values.school;
    if (!schoolId) throw new UsageError('--school is required.');
    if (command === 'list') {
      const now = Date.now();
      for (const s of await sources.listForSchool(schoolId)) {
        const health =
          s.health.status === 'healthy'
            ? `healthy${s.health.lastSuccessAt ? `, last success ${s.health.lastSuccessAt}` : ''}`
            : `UNHEALTHY after ${s.health.consecutiveFailures} failures: ${s.health.lastError ?? ''}`;
        const next = Date.parse(s.nextPollAt) <= now ? 'due now' : `next poll ${s.nextPollAt}`;
        out(`${s.id}\t${s.kind}\t${s.official ? 'official' : 'public'}\tevery ${s.pollIntervalMinutes} min\t${next}\t${health}\t${s.url ?? ''}`);
      }
      return;
    }
    if (command === 'add') {
      const kind = values.kind as SourceKind | undefined;
      if (!kind || !SOURCE_KINDS.includes(kind)) throw new UsageError(`--kind must be one of ${SOURCE_KINDS.join(', ')}.`);
      if (!values.label) throw new UsageError('--label is required: how the source appears in emails and lists.');
      await schools.getSchool(schoolId);
      const every = values.every === undefined ? 10 : Number(values.every);
      const saved = await sources.putSource({
        id: values.id ?? slug(values.label),
        schoolId,
        kind,
        label: values.label,
        platform: (values.platform as Platform | undefined) ?? DEFAULT_PLATFORM[kind],
        url: values.url,
        accountId: values.account,
        tokenRef: values['token-ref'],
        official: values.official || kind !== 'feed',
        pollIntervalMinutes: every,
        nextPollAt: new Date().toISOString(),
      });
      out(`added ${saved.id} (${saved.kind}, every ${saved.pollIntervalMinutes} min): first poll within a minute`);
      return;
    }
    if (command === 'remove') {
      if (!arg) throw new UsageError('Which source? Give its id.');
      await sources.removeSource(schoolId, arg);
      out(`removed ${arg}; its mentions and cases are kept`);
      return;
    }
  }
  throw new UsageError(area ? `Unknown command: ${positionals.join(' ')}` : 'Say what to do.');
};

main().then(
  () => process.exit(0),
  (error: unknown) => {
    const argumentError = (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    if (error instanceof UsageError || argumentError) {
      process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
      process.exit(2);
    }
    // Configuration and validation problems are the administrator's to fix: say what, no stack trace.
    process.stderr.write(`error: ${error instanceof AppError ? error.message : describeError(error)}\n`);
    process.exit(error instanceof AppError ? 2 : 1);
  },
);
