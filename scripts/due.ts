/**
 * Prints when a comment received at --received must be answered, as an ISO-8601 UTC instant:
 *   npm run --silent due -- --received 2026-03-28T19:30:00Z [--school school.json] [--explain]
 * --school reads a school profile (its timeZone and sla settings); without it the defaults apply
 * (Europe/London, 24 hours, 17:00, Monday to Friday). --explain adds the rule and local time on stderr.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import * as z from 'zod';
import { SchoolSchema, type School } from '../shared/domain/model';
import { computeResponseDeadline, formatLocal } from '../shared/cases/deadline';
import { describeError } from '../shared/platform/errors';

const USAGE = 'usage: npm run --silent due -- --received <ISO-8601 instant with Z or offset> [--school <file>] [--explain]';

const fail = (message: string, code = 2): never => {
  process.stderr.write(`${message}\n`);
  process.exit(code);
};

const loadSchool = (file: string | undefined): Pick<School, 'timeZone' | 'sla'> => {
  if (!file) {
    const defaults = SchoolSchema.shape.sla.parse(undefined);
    return { timeZone: SchoolSchema.shape.timeZone.parse(undefined), sla: defaults };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    return fail(`Cannot read school file ${file}: ${describeError(error)}`);
  }
  // Only the deadline settings matter here, so a partial profile (just timeZone and sla) is accepted.
  const parsed = SchoolSchema.pick({ timeZone: true, sla: true }).safeParse(raw);
  if (!parsed.success) return fail(`Invalid school file ${file}:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
};

const main = (): void => {
  let values: { received?: string; school?: string; explain?: boolean };
  try {
    ({ values } = parseArgs({
      options: { received: { type: 'string' }, school: { type: 'string' }, explain: { type: 'boolean' } },
      strict: true,
    }));
  } catch (error) {
    return fail(`${describeError(error)}\n${USAGE}`);
  }
  if (!values.received) return fail(USAGE);
  // A receipt time without a zone is ambiguous (which side of a clock change?): insist on one.
  if (!z.iso.datetime({ offset: true }).safeParse(values.received).success) {
    return fail(`--received must be an ISO-8601 instant with Z or an offset, got "${values.received}"\n${USAGE}`);
  }
  const school = loadSchool(values.school);
  try {
    const deadline = computeResponseDeadline({ receivedAt: new Date(values.received), timeZone: school.timeZone, sla: school.sla });
    process.stdout.write(`${deadline.dueAt.toISOString()}\n`);
    if (!deadline.calendarCovered) {
      process.stderr.write('warning: outside the years of the shipped bank-holiday data; bank holidays were not considered\n');
    }
    if (values.explain) {
      process.stderr.write(`${deadline.reason}; due ${formatLocal(deadline.dueAt, school.timeZone)}\n`);
    }
  } catch (error) {
    fail(describeError(error), 1);
  }
};

main();
