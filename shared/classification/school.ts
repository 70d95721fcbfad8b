/**
 * The school a mention is about, as the classifier needs it: its names (to know a mention is about
 * the school), its official handles (so a look-alike account stands out) and its staff list (to spot a
 * named member of staff, misspelt or not). Parsed leniently: only the name is required.
 */
import * as z from 'zod';
import { normalisePatternText } from './rules/pattern';

export const SchoolProfileSchema = z.looseObject({
  id: z.string().optional(),
  name: z.string().trim().min(1, 'the school file needs a "name"'),
  aliases: z.array(z.string()).catch([]).default([]),
  handles: z
    .array(z.union([z.string(), z.looseObject({ handle: z.string(), platform: z.string().optional() })]))
    .catch([])
    .default([]),
  hashtags: z.array(z.string()).catch([]).default([]),
  staff: z
    .array(
      z.looseObject({
        name: z.string().trim().min(1),
        title: z.string().optional(),
        role: z.string().optional(),
      }),
    )
    .catch([])
    .default([]),
});
export type SchoolProfile = z.infer<typeof SchoolProfileSchema>;
export type SchoolProfileInput = z.input<typeof SchoolProfileSchema>;

export const TITLES = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'sir', 'prof', 'rev', 'fr', 'father', 'mister', 'missus', 'sister', 'madam']);

/** Words in a school's name that do not identify it on their own. */
const GENERIC_NAME_WORDS = new Set([
  'school', 'schools', 'academy', 'academies', 'primary', 'secondary', 'high', 'trust', 'catholic', 'cofe', 'ce', 'c', 'of', 'e',
  'the', 'st', 'saint', 'church', 'england', 'college', 'infant', 'infants', 'junior', 'juniors', 'and', 'community', 'grammar',
  'free', 'upper', 'lower', 'middle', 'sixth', 'form', 'centre', 'parents', 'ba', 'nba', 'acad', 'rc', 'c of e', 'prep',
]);

export interface StaffEntry {
  readonly index: number;
  readonly displayName: string;
  readonly title: string | undefined;
  readonly role: string | undefined;
  readonly first: string | undefined;
  readonly last: string;
  /** Role as words ("head of maths"), to recognise "the head of maths" as this person. */
  readonly roleWords: readonly string[];
}

export interface SchoolContext {
  readonly profile: SchoolProfile;
  /** Name and aliases as token sequences. */
  readonly names: readonly (readonly string[])[];
  /** Distinctive words of the name ("northbrook", "ottilies"); a token starting with one refers to the school. */
  readonly nameWords: readonly string[];
  readonly officialHandles: ReadonlySet<string>;
  readonly staff: readonly StaffEntry[];
}

const words = (text: string): string[] => normalisePatternText(text).split(/\s+/).filter(Boolean);
/** "Mr", "Mrs.", "Dr", "Rev": a form of address rather than a job. */
const isHonorific = (title: string): boolean => {
  const w = words(title.replace(/\./g, ''));
  return w.length === 1 && TITLES.has(w[0]!);
};
/** A job as words for recognising "the head of maths": the part before any "and" or comma, no brackets, codes split. */
const roleWordsOf = (job: string): string[] => words(job.replace(/\(.*?\)/g, '').replace(/_/g, ' ').split(/\band\b|,/)[0] ?? '');

export const buildSchoolContext = (profile: SchoolProfile): SchoolContext => {
  const nameTexts = [profile.name, ...profile.aliases];
  const names = nameTexts.map(words).filter((w) => w.length > 0);
  const nameWords = new Set<string>();
  for (const name of names) for (const w of name) if (w.length >= 4 && !GENERIC_NAME_WORDS.has(w)) nameWords.add(w);
  const officialHandles = new Set(
    profile.handles.map((h) => (typeof h === 'string' ? h : h.handle).replace(/^@/, '').toLowerCase()).filter(Boolean),
  );
  const staff = profile.staff.map<StaffEntry>((member, index) => {
    const parts = words(member.name).filter((w) => !TITLES.has(w));
    const last = parts[parts.length - 1] ?? words(member.name).pop() ?? member.name.toLowerCase();
    // Staff lists are written by hand: "title" sometimes holds the job ("Head of Year 10") and "role" a
    // short code ("head_of_year"). A title that is not an honorific is read as the job description.
    const honorific = member.title !== undefined && isHonorific(member.title) ? member.title.trim() : undefined;
    const jobs = [honorific ? undefined : member.title, member.role].map((j) => (j ? roleWordsOf(j) : [])).filter((w) => w.length > 0);
    return {
      index,
      displayName: honorific ? `${honorific} ${member.name.replace(/^(father|fr|rev)\s+/i, '')}` : member.name,
      title: honorific?.toLowerCase().replace(/\./g, ''),
      role: honorific || !member.title ? member.role : member.title,
      first: parts.length > 1 ? parts[0] : undefined,
      last,
      roleWords: jobs.sort((a, b) => b.length - a.length)[0] ?? [],
    };
  });
  return { profile, names, nameWords: [...nameWords], officialHandles, staff };
};

/** A mention classified without a school file still gets the generic detectors. */
export const NO_SCHOOL: SchoolContext = buildSchoolContext({ name: 'the school', aliases: [], handles: [], hashtags: [], staff: [] });
