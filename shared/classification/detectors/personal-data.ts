/**
 * Personal data written into a mention: UK phone numbers, email addresses, postcodes, street
 * addresses, vehicle registrations and links to personal social-media profiles. Evidence is shown
 * partly masked so the alert email does not spread the data further.
 */
import type { SchoolContext } from '../school';

export interface DetectorHit {
  readonly detector: string;
  readonly weight: number;
  /** The match, shortened and partly masked. */
  readonly match: string;
  readonly explanation: string;
}

const MOBILE = /(?:(?:\+|00)44\s?\(?0?\)?\s?7\d{3}|\b07\d{3})[\s-]?\d{3}[\s-]?\d{3}\b/g;
const LANDLINE = /(?:(?:\+|00)44\s?\(?0?\)?\s?[1-3]\d{2,4}|\b\(?0[1-3]\d{2,4}\)?)[\s-]?\d{3,4}[\s-]?\d{3,4}\b/g;
const EMAIL = /\b[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,4}\.[A-Za-z]{2,12}\b/g;
const POSTCODE = /\b(?:[A-Za-z]{1,2}\d[A-Za-z\d]?)\s?\d[A-Za-z]{2}\b/g;
const STREET_SUFFIX =
  '(?:Road|Rd|Street|St|Lane|Ln|Avenue|Ave|Close|Drive|Crescent|Cres|Way|Grove|Court|Gardens|Place|Terrace|Rise|Mews|Walk|Row|Square|Parade|Fold|Croft|Meadows?|Estate|Flats)';
/** One to three street-name words, none of them a little word ("2 kids on the way" is not an address). */
const STREET_WORDS =
  "(?:(?!(?:the|a|an|on|in|at|to|of|and|my|his|her|their|our|your|for|by|with|from|up|down|kids|days|weeks|times|years|minutes|mins|hours|pupils|children|boys|girls|miles|more|all|every|other)\\s)[A-Za-z][A-Za-z'’]{1,20}\\s+){1,3}";
/** House number and street. Street names in Title Case, or anything in a post written all in lower case. */
const STREET_ADDRESS = new RegExp(`\\b\\d{1,4}[A-Za-z]?,?\\s+${STREET_WORDS.replace('[A-Za-z]', '[A-Z]')}(?:${STREET_SUFFIX}|${STREET_SUFFIX.toLowerCase()})\\b`, 'g');
const STREET_ADDRESS_LOWER = new RegExp(`\\b\\d{1,4}[a-z]?,?\\s+${STREET_WORDS}${STREET_SUFFIX}\\b`, 'gi');
const LIVES_ON_STREET = new RegExp(
  `\\b(?:lives?|living|parks?|parked|house|home|address|flat)\\s(?:[a-z]+\\s){0,4}?(?:on|in|at|near|off)\\s(?:the\\s)?${STREET_WORDS}${STREET_SUFFIX}\\b`,
  'gi',
);
const VEHICLE_REG = /\b[A-Z]{2}\d{2}\s?[A-Z]{3}\b/g;
const PROFILE_LINK = /\b(?:facebook|fb|instagram|tiktok|snapchat|twitter|x|linkedin)\.com\/[A-Za-z0-9._@-]{2,60}/gi;
const HANDLE = /(?:^|[\s(])@([A-Za-z0-9._]{3,30})/g;
const SNAP_OR_INSTA = /\b(?:insta|instagram|snap|snapchat|tiktok|tik tok)(?:\s+(?:is|name is|handle is)\s+|\s*[:=]\s*|\s+@)@?[a-z0-9._]{4,30}\b/gi;

const GENERIC_MAILBOXES = /^(?:office|admin|info|enquiries|enquiry|reception|head|headteacher|finance|sen|senco|attendance|hello|contact|school|admissions|bursar|clerk|governors|pta|safeguarding|dsl|exams|careers|absence|trips|noreply|no-reply)$/i;
const INSTITUTION_DOMAINS = /(?:\.sch\.uk|\.gov\.uk|\.ac\.uk|\.nhs\.uk|\.nhs\.net|\.police\.uk)$/i;
const FREE_MAIL = /@(?:gmail|googlemail|hotmail|outlook|live|yahoo|icloud|aol|protonmail|btinternet|sky)\./i;

export const maskDigits = (value: string): string => {
  const digits = value.replace(/\D/g, '');
  if (digits.length < 7) return value;
  return `${digits.slice(0, 5)}…${digits.slice(-2)}`;
};

const maskEmail = (email: string): string => {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 2)}…@${domain}`;
};

const digitCount = (s: string): number => s.replace(/\D/g, '').length;

const each = (regex: RegExp, text: string, limit: number, visit: (m: RegExpExecArray) => void): void => {
  regex.lastIndex = 0;
  for (let m = regex.exec(text), n = 0; m !== null && n < limit; m = regex.exec(text), n++) visit(m);
};

/** Emails are judged apart: the school's own or a role mailbox is not personal data; a look-alike is impersonation. */
export interface EmailFinding {
  readonly email: string;
  readonly personal: boolean;
  readonly schoolLookalike: boolean;
}

export const findEmails = (cased: string, school: SchoolContext): EmailFinding[] => {
  const found: EmailFinding[] = [];
  if (!cased.includes('@')) return found;
  each(EMAIL, cased, 10, (m) => {
    const email = m[0];
    const [local = '', domain = ''] = email.toLowerCase().split('@');
    const compact = local.replace(/[^a-z]/g, '');
    const schoolish = school.nameWords.some((w) => compact.includes(w) || domain.includes(w));
    const lookalike = schoolish && FREE_MAIL.test(email);
    const institutional = INSTITUTION_DOMAINS.test(domain) || GENERIC_MAILBOXES.test(local) || schoolish;
    found.push({ email, personal: !institutional, schoolLookalike: lookalike });
  });
  return found;
};

export const findPersonalData = (cased: string, school: SchoolContext): DetectorHit[] => {
  const hits: DetectorHit[] = [];
  if (/\d/.test(cased)) {
    each(MOBILE, cased, 5, (m) => {
      if (digitCount(m[0]) >= 11) hits.push({ detector: 'mobile-number', weight: 1, match: maskDigits(m[0]), explanation: 'a mobile phone number' });
    });
    if (!hits.some((h) => h.detector === 'mobile-number')) {
      each(LANDLINE, cased, 5, (m) => {
        const d = digitCount(m[0]);
        if (d >= 10 && d <= 12) hits.push({ detector: 'phone-number', weight: 0.5, match: maskDigits(m[0]), explanation: 'a phone number' });
      });
    }
    each(/[A-Z]/.test(cased) ? STREET_ADDRESS : STREET_ADDRESS_LOWER, cased, 5, (m) => {
      hits.push({ detector: 'street-address', weight: 1, match: `${m[0].replace(/^\d+\w?,?\s+/, '… ')}`, explanation: 'a house number and street (a home address)' });
    });
    each(POSTCODE, cased, 5, (m) => {
      if (/\d[A-Za-z]{2}$/.test(m[0]) && /[A-Z]/.test(m[0])) {
        hits.push({ detector: 'postcode', weight: 0.5, match: `${m[0].slice(0, -2)}…`, explanation: 'a postcode' });
      }
    });
    each(VEHICLE_REG, cased, 3, (m) => {
      hits.push({ detector: 'vehicle-registration', weight: 0.6, match: `${m[0].slice(0, 4)}…`, explanation: 'a car registration number' });
    });
  }
  if (!hits.some((h) => h.detector === 'street-address')) {
    each(LIVES_ON_STREET, cased, 3, (m) => {
      hits.push({ detector: 'street-name', weight: 0.7, match: m[0].slice(0, 60), explanation: 'where someone lives or parks, by street' });
    });
  }
  for (const email of findEmails(cased, school)) {
    if (email.personal) hits.push({ detector: 'email', weight: 1, match: maskEmail(email.email), explanation: 'a personal email address' });
  }
  each(PROFILE_LINK, cased, 3, (m) => {
    hits.push({ detector: 'profile-link', weight: 0.7, match: m[0].slice(0, 40), explanation: "a link to someone's personal social-media profile" });
  });
  each(SNAP_OR_INSTA, cased, 3, (m) => {
    hits.push({ detector: 'social-handle', weight: 0.5, match: m[0].slice(0, 40), explanation: "someone's social-media username" });
  });
  let handles = 0;
  each(HANDLE, cased, 10, (m) => {
    const handle = m[1]!.toLowerCase();
    const isSchool = school.officialHandles.has(handle) || school.nameWords.some((w) => handle.includes(w));
    if (!isSchool && !/^(?:user|admin)$/.test(handle)) handles++;
  });
  if (handles > 0) {
    hits.push({
      detector: 'personal-handles',
      weight: Math.min(0.6, 0.3 * handles),
      match: `${handles} account${handles > 1 ? 's' : ''}`,
      explanation: handles > 1 ? "several people's social-media accounts tagged" : "someone's social-media account tagged",
    });
  }
  return hits;
};
