/**
 * `npm run --silent classify -- --school <school.json>`: reads JSON Lines {"id", "text"} on stdin and
 * writes exactly one JSON line {"id", "flagged", "categories", "severity", "reasons"} per input line
 * to stdout, in input order, and nothing else. A line that is not valid input is reported on stderr
 * with its line number and skipped; processing continues. Uses the bundled keyword lists
 * (data/keywords) and model (data/model).
 *
 * Exit status: 0 once all input is processed (skipped lines included: they are reported on stderr),
 * 2 on a usage error (no output at all).
 */
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import * as z from 'zod';
import { classifyMention } from '../shared/classification/engine/classifier';
import { buildResources } from '../shared/classification/engine/resources';
import { defaultRuleSet } from '../shared/classification/keywords/defaults';
import { bundledModel } from '../shared/classification/model/load';
import { buildSchoolContext, NO_SCHOOL, SchoolProfileSchema, type SchoolContext } from '../shared/classification/school';
import { flag, UsageError } from './classification/cli-args';

const InputLineSchema = z.object({
  id: z.union([z.string().min(1), z.number()]).transform(String),
  text: z.string(),
});

const loadSchool = (file: string | undefined): SchoolContext => {
  if (!file) return NO_SCHOOL;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`Cannot read the school file ${file}: ${(error as Error).message}`);
  }
  const parsed = SchoolProfileSchema.safeParse(raw);
  if (!parsed.success) throw new UsageError(`School file ${file} is not valid:\n${z.prettifyError(parsed.error)}`);
  return buildSchoolContext(parsed.data);
};

const main = async (): Promise<number> => {
  const args = process.argv.slice(2);
  if (args.includes('--help')) {
    process.stderr.write('usage: npm run --silent classify -- --school <school.json>  < mentions.jsonl\n');
    return 0;
  }
  const school = loadSchool(flag(args, 'school'));
  const resources = buildResources(defaultRuleSet(), { model: bundledModel() });

  let lineNumber = 0;
  let skipped = 0;
  let classified = 0;
  let buffer = '';
  const flush = async () => {
    if (!buffer) return;
    const chunk = buffer;
    buffer = '';
    if (!process.stdout.write(chunk)) await new Promise((resolve) => process.stdout.once('drain', resolve));
  };
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    lineNumber++;
    if (line.trim() === '') continue;
    let input: z.infer<typeof InputLineSchema>;
    try {
      const parsed = InputLineSchema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(z.prettifyError(parsed.error).replace(/\n/g, ' '));
      input = parsed.data;
    } catch (error) {
      skipped++;
      const reason = error instanceof SyntaxError ? `not valid JSON (${error.message})` : (error as Error).message;
      process.stderr.write(`line ${lineNumber}: skipped: ${reason}; expected {"id": "...", "text": "..."}\n`);
      continue;
    }
    const c = classifyMention(resources, school, input.text);
    classified++;
    buffer += `${JSON.stringify({ id: input.id, flagged: c.flagged, categories: c.categories, severity: c.severity, reasons: c.reasons })}\n`;
    if (buffer.length > 64_000) await flush();
  }
  await flush();
  if (skipped > 0) process.stderr.write(`${classified} line(s) classified, ${skipped} skipped\n`);
  return 0;
};

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof UsageError ? error.message : (error as Error).stack ?? String(error)}\n`);
    process.exitCode = 2;
  },
);
