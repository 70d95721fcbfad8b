import SentimentAnalyzer from 'natural/lib/natural/sentiment/SentimentAnalyzer';
import { describe, expect, it } from 'vitest';
import { findLookalikeAccounts } from '../../../shared/classification/detectors/accounts';
import { findPersonalData } from '../../../shared/classification/detectors/personal-data';
import { findReferences } from '../../../shared/classification/detectors/references';
import { scoreSentiment } from '../../../shared/classification/detectors/sentiment';
import { normalise } from '../../../shared/classification/text/normalise';
import { buildSchoolContext, SchoolProfileSchema } from '../../../shared/classification/school';
import { northbrook, productionResources } from './helpers';

const detectors = (text: string) => findPersonalData(text, northbrook).map((h) => h.detector);
const refs = (text: string) => {
  const { lexicon } = productionResources();
  return findReferences(normalise(text, lexicon), northbrook, lexicon);
};
const staffFound = (text: string) => refs(text).staff.map((s) => `${s.staff?.displayName ?? '?'} (${s.how}${s.fuzzy ? ', misspelt' : ''})`);

describe('personal data detector', () => {
  it('finds UK mobile numbers in the usual layouts and shows them masked', () => {
    for (const n of ['07700 900418', '07700900418', '+44 7700 900418', '07700-900-418']) expect(detectors(`ring him on ${n}`)).toContain('mobile-number');
    expect(findPersonalData('ring 07700 900418', northbrook)[0]!.match).toBe('07700…18');
  });

  it('counts a landline only as a weak sign (a school office number is not personal data)', () => {
    const hits = findPersonalData('ring the office on 01246 555123', northbrook);
    expect(hits.map((h) => [h.detector, h.weight])).toEqual([['phone-number', 0.5]]);
  });

  it('treats a personal email as personal data but not a school or role mailbox', () => {
    expect(detectors('his email is k.mensah.home@gmail.com')).toEqual(['email']);
    expect(detectors('email office@northbrook.sch.uk or info@example.org')).toEqual([]);
  });

  it('finds a house number and street, a postcode, a street someone lives on, and a car registration', () => {
    expect(detectors('lives at 14 Ferncliffe Road HV3 7QT')).toEqual(['street-address', 'postcode']);
    expect(detectors('she lives on Meadow Close')).toEqual(['street-name']);
    expect(detectors('drives a white Qashqai reg HV19 KPZ')).toEqual(['vehicle-registration']);
  });

  it('does not read "Year 7 about road safety" or "2 kids on the way" as an address', () => {
    expect(detectors('Police talked to Year 7 about road safety on Wakefield Road')).toEqual([]);
    expect(detectors('2 kids on the way home')).toEqual([]);
  });

  it("finds links to personal profiles and tagged pupils' accounts, but not the school's own handle", () => {
    expect(detectors('fb.com/simon.whitehead.fenwold')).toEqual(['profile-link']);
    expect(detectors('tag the lads @jakey_obrien @conor.m_09')).toEqual(['personal-handles']);
    expect(detectors('@NorthbrookAcad is school open?')).toEqual([]);
  });
});

describe('named staff detector', () => {
  it('finds a member of staff by full name, by title and surname, and by unique role', () => {
    expect(staffFound('watch ur back gareth lloyd')).toEqual(['Mr Gareth Lloyd (full name)']);
    expect(staffFound('Mr Dunmore never replies')).toEqual(['Mr Tom Dunmore (title and surname)']);
    expect(staffFound('the SENCO cancelled again')).toEqual(['Ms Siobhan Keane (role)']);
  });

  it('tolerates small misspellings of a surname (Dunmoore, Okafur)', () => {
    expect(staffFound('mr dunmoore is useless')).toEqual(['Mr Tom Dunmore (title and surname, misspelt)']);
    expect(staffFound('That PE teacher Okafur is a bully')).toEqual(['Mr Chinedu Okafor (surname, misspelt)']);
  });

  it('takes a distinctive surname on its own, but a surname that is an everyday word only in context', () => {
    expect(staffFound('okafor thinks hes hard')).toEqual(['Mr Chinedu Okafor (surname)']);
    expect(staffFound('the price of the trip is a joke')).toEqual([]);
    expect(staffFound('Ask Price, she teaches English')).toEqual(['Miss Hannah Price (surname)']);
  });

  it('marks an unlisted "Mr Smith" as a member of staff without naming a listed one', () => {
    expect(staffFound('Mr Smith shouted at my son')).toEqual(['? (title and unlisted name)']);
  });

  it('reads a staff list whose "title" holds the job and "role" a short code', () => {
    const { lexicon } = productionResources();
    const school = buildSchoolContext(
      SchoolProfileSchema.parse({
        name: 'Oakfield High',
        staff: [
          { name: 'Rhian Vaughan', title: 'Headteacher', role: 'head' },
          { name: 'Dr Ayo Bello', title: 'Head of Year 10', role: 'head_of_year' },
          { name: 'Sam Pryce', title: 'Mr.', role: 'Teacher of PE' },
        ],
      }),
    );
    const found = (text: string) => findReferences(normalise(text, lexicon), school, lexicon).staff.map((s) => `${s.staff?.displayName} (${s.how})`);
    expect(found('the head of year 10 ignored my emails')).toEqual(['Dr Ayo Bello (role)']);
    expect(found('the headteacher is a liar')).toEqual(['Rhian Vaughan (role)']);
    expect(found('Mrs Vaughan never replies')).toEqual(['Rhian Vaughan (title and surname)']);
    expect(found('mr pryce shouted at him')).toEqual(['Mr. Sam Pryce (title and surname)']);
  });
});

describe('pupil detector', () => {
  it('finds pupils pinned down by year group, class or name', () => {
    const found = (text: string) => refs(text).pupils.map((p) => `${p.how}: ${p.written}`);
    expect(found('that Year 9 lad again')).toEqual(['year group: Year 9']);
    expect(found('a girl in 10B said')).toEqual(['class: girl in 10B']);
    expect(found('Sophie in Year 10 is a liar')).toEqual(['name and year group: Sophie in Year 10']);
    expect(found('his name is Connor')).toEqual(['name: Connor']);
  });
});

describe('look-alike account detector', () => {
  it("flags handles and webmail addresses built on the school's name that are not its own", () => {
    const found = (text: string) => findLookalikeAccounts(text, northbrook).map((h) => `${h.detector}:${h.match}`);
    expect(found('@NorthbrookAcadOfficial is fake')).toEqual(['lookalike-account:NorthbrookAcadOfficial']);
    expect(found('follow northbrook_academy_official2 now')).toEqual(['lookalike-account:northbrook_academy_official2']);
    expect(found('From: office.northbrook@gmail.com')).toEqual(['lookalike-email:off…@gmail.com']);
    expect(found('@NorthbrookAcad is the real one')).toEqual([]);
  });
});

describe('sentiment (AFINN-165)', () => {
  it("scores exactly as natural's SentimentAnalyzer ('English', no stemmer, 'afinn') does", () => {
    const analyzer = new SentimentAnalyzer('English', null, 'afinn');
    const sentences = [
      ['absolutely', 'disgusted', 'with', 'this', 'school'],
      ['not', 'good', 'enough', 'and', 'nobody', 'cares'],
      ['thank', 'you', 'so', 'much', 'brilliant', 'staff'],
      ['no', 'reply', 'again', 'terrible', 'communication'],
    ];
    for (const words of sentences) expect(scoreSentiment(words).comparative).toBeCloseTo(analyzer.getSentiment(words), 10);
  });
});
