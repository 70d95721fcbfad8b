/** Reads the team's labelled sets (data/labelled) and the school files they refer to. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as z from 'zod';
import { CATEGORY_IDS, type CategoryId } from '../../shared/domain/policy';
import { buildSchoolContext, SchoolProfileSchema, type SchoolContext } from '../../shared/classification/school';

export const repoRoot = path.resolve(import.meta.dirname, '../..');
export const sharedDir = path.resolve(repoRoot, '../shared');
export const labelledDir = path.join(repoRoot, 'data/labelled');

export const LabelledMentionSchema = z.object({
  id: z.string(),
  school: z.string(),
  platform: z.string().optional(),
  official: z.boolean().optional(),
  text: z.string(),
  categories: z.array(z.enum(CATEGORY_IDS)),
});
export type LabelledMention = z.infer<typeof LabelledMentionSchema>;

export const readJsonl = (file: string): LabelledMention[] =>
  existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => line.trim())
        .map((line) => LabelledMentionSchema.parse(JSON.parse(line)))
    : [];

/** The extra labelled sets (extra-*.jsonl: parents', pupils' and community voices, more schools). */
export const extraFiles = (): string[] =>
  existsSync(labelledDir) ? readdirSync(labelledDir).filter((f) => /^extra-.*\.jsonl$/.test(f)).sort() : [];

/**
 * dev: dev.jsonl; extra: every extra-*.jsonl; tuning: both (what rules, model and thresholds are
 * tuned and trained on); test: test.jsonl, held out and never used for tuning.
 */
export const readLabelled = (split: 'dev' | 'test' | 'extra' | 'tuning'): LabelledMention[] => {
  if (split === 'extra') return extraFiles().flatMap((f) => readJsonl(path.join(labelledDir, f)));
  if (split === 'tuning') return [...readLabelled('dev'), ...readLabelled('extra')];
  return readJsonl(path.join(labelledDir, `${split}.jsonl`));
};

/** One labelled file (one writer's voice): dev, test or an extra set. */
export interface LabelledFile {
  readonly name: string;
  readonly rows: readonly LabelledMention[];
}

/** Every labelled file (dev.jsonl, test.jsonl, extra-*.jsonl), sorted by name: the units of leave-one-file-out. */
export const readLabelledFiles = (dir = labelledDir): LabelledFile[] =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.jsonl'))
        .sort()
        .map((f) => ({ name: f.replace(/\.jsonl$/, ''), rows: readJsonl(path.join(dir, f)) }))
        .filter((f) => f.rows.length > 0)
    : [];

/**
 * The schools of the labelled sets. `cliFields: true` keeps only what the classify CLI's school file
 * is guaranteed to hold (name, aliases, staff), as on the held-out set: no handles, no hashtags.
 */
export const readSchools = (options: { cliFields?: boolean; dir?: string } = {}): Map<string, SchoolContext> => {
  const dir = options.dir ?? path.join(labelledDir, 'schools');
  const schools = new Map<string, SchoolContext>();
  if (!existsSync(dir)) return schools;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const json = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Record<string, unknown>;
    const profile = SchoolProfileSchema.parse(options.cliFields ? { id: json.id, name: json.name, aliases: json.aliases, staff: json.staff } : json);
    schools.set(profile.id ?? file.replace(/\.json$/, ''), buildSchoolContext(profile));
  }
  return schools;
};

export type { CategoryId };
