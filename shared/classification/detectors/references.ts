/**
 * Who and what a mention is about: named members of staff (full name, title and surname, surname
 * in context, small misspellings), staff described by role, pupils identified by year group, class
 * or name, the school itself, and the reader addressed as "you". Each reference marks its tokens with
 * an anchor bit that keyword rules can require ("a negative word near a named member of staff").
 */
import { ANCHOR_BITS } from '../rules/compile';
import type { NormalisedText } from '../text/normalise';
import type { Lexicon } from '../text/lexicon';
import { TITLES, type SchoolContext, type StaffEntry } from '../school';
import { COMMON_WORD_SURNAMES } from './common-words';
import { StaffNameMatcher } from './staff-names';

export interface StaffReference {
  readonly staff: StaffEntry | undefined;
  readonly start: number;
  readonly end: number;
  readonly how: 'full name' | 'title and surname' | 'surname' | 'role' | 'title and unlisted name';
  readonly written: string;
  readonly fuzzy: boolean;
}

export interface PupilReference {
  readonly start: number;
  readonly end: number;
  readonly how: 'year group' | 'class' | 'name and year group' | 'name';
  readonly written: string;
}

export interface References {
  readonly anchors: Uint8Array;
  readonly staff: readonly StaffReference[];
  readonly pupils: readonly PupilReference[];
  readonly schoolNamed: boolean;
  /** A token that refers to the school's name but is an account handle, e.g. "northbrook_academy_official2". */
  readonly schoolTokens: readonly number[];
}

const STAFF_WORDS = new Set([
  'teacher', 'teachers', 'head', 'headteacher', 'headmaster', 'headmistress', 'deputy', 'principal', 'senco', 'sendco', 'ta', 'tas',
  'tutor', 'coach', 'receptionist', 'reception', 'caretaker', 'staff', 'dsl', 'chaplain', 'priest', 'vicar', 'governor', 'governors',
  'supervisor', 'assistant', 'manager', 'officer', 'hoy', 'sir', 'slt', 'leadership', 'management', 'teaching', 'nurse', 'counsellor',
  'lady', 'office', 'chair', 'trustee', 'trustees', 'ceo',
]);
const PUPIL_WORDS = new Set([
  'pupil', 'pupils', 'student', 'students', 'kid', 'kids', 'child', 'children', 'boy', 'boys', 'girl', 'girls', 'lad', 'lads', 'lass',
  'lasses', 'son', 'daughter', 'teenager', 'teen', 'youngster', 'youngsters', 'sons', 'daughters', 'nephew', 'niece', 'grandson',
  'granddaughter', 'classmate', 'classmates',
]);
const PERSON_WORDS = new Set(['woman', 'man', 'bloke', 'fella', 'guy', 'lady', 'person', 'he', 'she', 'him', 'her', 'his', 'they', 'them']);
const YOU_WORDS = new Set(['you', 'u', 'ya', 'your', 'ur', 'youre', 'yours', 'yourself', 'yourselves', 'yall', 'ye']);
const SCHOOL_WORDS = new Set(['school', 'schools', 'academy', 'college', 'trust', 'governors', 'slt', 'management', 'headteacher', 'head', 'principal', 'office', 'staff', 'teachers', 'ofsted']);
const NUMBER_WORDS: Readonly<Record<string, number>> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, thirteen: 13,
};
const CLASS_CODE = /^(?:1[0-3]|[1-9])[a-z]{1,2}\d?$/;
const YEAR_TOKEN = /^(?:y|yr|year)(?:1[0-3]|[1-9])s?$/;
const YEAR_NUMBER = /^(?:1[0-3]|[1-9])s?$/;
const SINGULAR_STAFF_WORDS = new Set([
  'teacher', 'head', 'headteacher', 'headmaster', 'headmistress', 'deputy', 'principal', 'senco', 'sendco', 'ta', 'tutor', 'coach',
  'receptionist', 'caretaker', 'dsl', 'chaplain', 'priest', 'vicar', 'supervisor', 'assistant', 'manager', 'officer', 'hoy', 'nurse',
  'counsellor', 'lady',
]);
const DETERMINERS = new Set(['the', 'that', 'this', 'your', 'their', 'his', 'her', 'our', 'new']);
const PLACES_AT_SCHOOL = new Set(['reception', 'office', 'attendance', 'gate', 'gates', 'door', 'desk', 'canteen']);
const NAME_CUES = new Set(['called', 'named', 'name', 'names', 'its', 'is']);

const isYearGroupAt = (tokens: readonly string[], i: number): number => {
  const t = tokens[i]!;
  if (YEAR_TOKEN.test(t) || CLASS_CODE.test(t)) return 1;
  if ((t === 'year' || t === 'yr' || t === 'y' || t === 'years') && i + 1 < tokens.length) {
    const next = tokens[i + 1]!;
    if (YEAR_NUMBER.test(next) || NUMBER_WORDS[next.replace(/s$/, '')] !== undefined) return 2;
  }
  return 0;
};

/** Capitalised in the original, not opening a sentence, not a known word: reads like a name. */
const looksLikeName = (text: NormalisedText, i: number, lexicon: Lexicon): boolean => {
  const raw = text.raw[i]!;
  const first = raw.charCodeAt(0);
  if (first < 65 || first > 90 || raw.length < 2 || raw === raw.toUpperCase()) return false;
  const token = text.tokens[i]!;
  return !lexicon.has(token) && !COMMON_WORD_SURNAMES.has(token) && !TITLES.has(token) && !STAFF_WORDS.has(token) && !PUPIL_WORDS.has(token);
};

const NOT_NAMES = new Set(['the', 'and', 'for', 'was', 'has', 'had', 'who', 'said', 'says', 'will', 'can', 'are', 'not', 'is', 'or', 'of', 'at', 'in', 'on', 'you', 'him', 'her', 'them', 'it', 'out', 'this', 'that', 'my', 'your', 'our', 'their', 'his', 'being', 'having', 'all', 'so', 'me', 'us', 'school', 'lessons', 'class']);

/** After a title ("Mr", "Miss"), a word that is not a title, staff word or little word is taken as a surname. */
const followsTitle = (text: NormalisedText, i: number): boolean => {
  const token = text.tokens[i]!;
  return /^[a-z][a-z'-]{1,}$/.test(token) && !NOT_NAMES.has(token) && !TITLES.has(token) && !STAFF_WORDS.has(token) && !PUPIL_WORDS.has(token);
};

const mark = (anchors: Uint8Array, start: number, end: number, bits: number): void => {
  for (let i = start; i < end && i < anchors.length; i++) anchors[i] = anchors[i]! | bits;
};

const matchesSequence = (tokens: readonly string[], at: number, words: readonly string[]): boolean => {
  if (at + words.length > tokens.length) return false;
  for (let k = 0; k < words.length; k++) {
    const t = tokens[at + k]!;
    const w = words[k]!;
    if (t !== w && !(k === words.length - 1 && t === `${w}s`)) return false;
  }
  return true;
};

export const findReferences = (text: NormalisedText, school: SchoolContext, lexicon: Lexicon): References => {
  const { tokens } = text;
  const n = tokens.length;
  const anchors = new Uint8Array(n);
  const staff: StaffReference[] = [];
  const pupils: PupilReference[] = [];
  const schoolTokens: number[] = [];
  const names = StaffNameMatcher.for(school, lexicon);
  let schoolNamed = false;
  const staffBits = ANCHOR_BITS.staff | ANCHOR_BITS.person;
  const pupilBits = ANCHOR_BITS.pupil | ANCHOR_BITS.person;
  const namedStaff = staffBits | ANCHOR_BITS.named;
  const namedPupil = pupilBits | ANCHOR_BITS.named;

  for (let i = 0; i < n; i++) {
    const t = tokens[i]!;
    if (YOU_WORDS.has(t)) anchors[i] = anchors[i]! | ANCHOR_BITS.you;
    if (PERSON_WORDS.has(t)) anchors[i] = anchors[i]! | ANCHOR_BITS.person;
    if (SCHOOL_WORDS.has(t)) anchors[i] = anchors[i]! | ANCHOR_BITS.school;
    if (STAFF_WORDS.has(t) && t !== 'office' && t !== 'reception') anchors[i] = anchors[i]! | staffBits;
    if (PUPIL_WORDS.has(t)) anchors[i] = anchors[i]! | pupilBits;

    // The school by name or alias, or a handle/hashtag built on its name.
    for (const name of school.names) {
      if (matchesSequence(tokens, i, name)) {
        mark(anchors, i, i + name.length, ANCHOR_BITS.school);
        schoolNamed = true;
      }
    }
    for (const word of school.nameWords) {
      if (t.length > word.length && t.startsWith(word)) {
        anchors[i] = anchors[i]! | ANCHOR_BITS.school;
        schoolNamed = true;
        schoolTokens.push(i);
      }
    }

    // Staff: "Tom Dunmore", "Mr Dunmore", "Dunmore" in context, "the attendance officer".
    const titled = TITLES.has(t) && i + 1 < n;
    const surnameAt = names.surnameAt(text, i + (titled ? 1 : 0));
    if (titled && surnameAt) {
      staff.push({ staff: surnameAt.staff, start: i, end: i + 2, how: 'title and surname', written: `${text.raw[i]} ${text.raw[i + 1]}`, fuzzy: surnameAt.fuzzy });
      mark(anchors, i, i + 2, namedStaff);
      i++;
      continue;
    }
    if (titled && followsTitle(text, i + 1)) {
      staff.push({ staff: undefined, start: i, end: i + 2, how: 'title and unlisted name', written: `${text.raw[i]} ${text.raw[i + 1]}`, fuzzy: false });
      mark(anchors, i, i + 2, namedStaff);
      i++;
      continue;
    }
    const full = names.fullNameAt(text, i);
    if (full) {
      staff.push({ staff: full.staff, start: i, end: i + 2, how: 'full name', written: `${text.raw[i]} ${text.raw[i + 1]}`, fuzzy: full.fuzzy });
      mark(anchors, i, i + 2, namedStaff);
      i++;
      continue;
    }
    const alone = names.surnameAt(text, i);
    if (alone && names.surnameCountsAlone(text, i, alone.staff, STAFF_WORDS, school)) {
      staff.push({ staff: alone.staff, start: i, end: i + 1, how: 'surname', written: text.raw[i]!, fuzzy: alone.fuzzy });
      mark(anchors, i, i + 1, namedStaff);
      continue;
    }
    const role = names.roleAt(tokens, i);
    if (role) {
      staff.push({ staff: role.staff, start: i, end: role.end, how: 'role', written: text.raw.slice(i, role.end).join(' '), fuzzy: false });
      mark(anchors, i, role.end, namedStaff);
    }
  }

  // A particular member of staff described, not named: "that PE teacher", "the woman on reception".
  for (let i = 0; i < n; i++) {
    const t = tokens[i]!;
    if (SINGULAR_STAFF_WORDS.has(t)) {
      for (let k = i - 1; k >= Math.max(0, i - 3); k--) {
        if (DETERMINERS.has(tokens[k]!)) {
          mark(anchors, k, i + 1, namedStaff);
          break;
        }
      }
    } else if ((t === 'woman' || t === 'man' || t === 'lady' || t === 'bloke') && i + 2 < n && PLACES_AT_SCHOOL.has(tokens[i + 2]!) && /^(?:on|in|from|at)$/.test(tokens[i + 1]!)) {
      mark(anchors, i, i + 3, namedStaff);
    }
  }

  // Pupils: "a Year 9 lad", "a girl in 10B", "Sophie in Year 10", "his name's Ryan".
  for (let i = 0; i < n; i++) {
    const width = isYearGroupAt(tokens, i);
    if (width === 0) continue;
    const end = i + width;
    let start = i;
    let how: PupilReference['how'] = CLASS_CODE.test(tokens[i]!) ? 'class' : 'year group';
    for (let k = Math.max(0, i - 3); k < Math.min(n, end + 2); k++) if (PUPIL_WORDS.has(tokens[k]!) && k < i) start = Math.min(start, k);
    if (i >= 2 && (tokens[i - 1] === 'in' || tokens[i - 1] === 'from') && looksLikeName(text, i - 2, lexicon) && (anchors[i - 2]! & ANCHOR_BITS.staff) === 0) {
      start = i - 2;
      how = 'name and year group';
    }
    pupils.push({ start, end, how, written: text.raw.slice(start, end).join(' ') });
    mark(anchors, start, end, namedPupil);
  }
  for (let i = 1; i < n; i++) {
    if (NAME_CUES.has(tokens[i - 1]!) && looksLikeName(text, i, lexicon) && (anchors[i]! & ANCHOR_BITS.staff) === 0 && (anchors[i]! & ANCHOR_BITS.school) === 0) {
      const cue = tokens[i - 1]!;
      if ((cue === 'is' || cue === 'its') && tokens[i - 2] !== 'name' && tokens[i - 2] !== 'names') continue;
      pupils.push({ start: i, end: i + 1, how: 'name', written: text.raw[i]! });
      mark(anchors, i, i + 1, ANCHOR_BITS.person | ANCHOR_BITS.named);
    }
  }
  return { anchors, staff, pupils, schoolNamed, schoolTokens };
};

export type { StaffEntry };
