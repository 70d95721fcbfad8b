/** Reads the team's labelled sets (data/labelled) and the school files they refer to. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
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

export const readLabelled = (split: 'dev' | 'test'): LabelledMention[] => {
  const file = path.join(labelledDir, `${split}.jsonl`);
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => LabelledMentionSchema.parse(JSON.parse(line)));
};

export const readSchools = (): Map<string, SchoolContext> => {
  const dir = path.join(labelledDir, 'schools');
  const schools = new Map<string, SchoolContext>();
  if (!existsSync(dir)) return schools;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const profile = SchoolProfileSchema.parse(JSON.parse(readFileSync(path.join(dir, file), 'utf8')));
    schools.set(profile.id ?? file.replace(/\.json$/, ''), buildSchoolContext(profile));
  }
  return schools;
};

export type { CategoryId };
