/** Test data and in-memory fakes for the cases ports (unit tests; integration tests use the data only). */
import { ConflictError, NotFoundError } from '../../../shared/platform/errors';
import {
  ClassificationSchema,
  MentionSchema,
  SchoolSchema,
  type Case,
  type CaseHistoryEntry,
  type Classification,
  type Mention,
  type School,
  type SchoolInput,
} from '../../../shared/domain/model';
import type { Clock, EffectLedger, Mailer, OutgoingEmail } from '../../../shared/domain/ports';
import type { AlertMessage } from '../../../shared/domain/messages';
import type { CategoryId, Severity } from '../../../shared/domain/policy';
import { ActionLinkSigner } from '../../../shared/cases/action-links';
import { isOpen, type StoredCase } from '../../../shared/cases/case-lifecycle';
import type { CaseDeps, CaseRepository, DigestEntry, DigestStore, LinkNonceStore, SchoolDirectory } from '../../../shared/cases/ports';

export const SIGNING_KEY = 'test-signing-key-0123456789abcdefghijklmnop';

export const schoolInput = (overrides: Partial<SchoolInput> = {}): SchoolInput => ({
  id: 'ashgrove-primary',
  name: 'Ashgrove Primary School',
  contacts: [
    { name: 'Dee Ess', email: 'dsl@ashgrove.example', roles: ['dsl'] },
    { name: 'Hedda Teacher', email: 'head@ashgrove.example', roles: ['headteacher'] },
    { name: 'Bea Manager', email: 'business@ashgrove.example', roles: ['business_manager'] },
    { name: 'Mo Derator', email: 'moderator@ashgrove.example', roles: ['moderator'] },
    { name: 'Esc Alation', email: 'governors@ashgrove.example', roles: ['escalation'] },
    { name: 'Dep Uty', email: 'deputy@ashgrove.example', roles: ['deputy'] },
  ],
  ...overrides,
});

export const school = (overrides: Partial<SchoolInput> = {}): School => SchoolSchema.parse(schoolInput(overrides));

export const mention = (overrides: Partial<Mention> = {}): Mention =>
  MentionSchema.parse({
    id: 'm-0001',
    schoolId: 'ashgrove-primary',
    sourceId: 'facebook-page',
    platform: 'facebook',
    externalId: 'comment-1',
    url: 'https://facebook.example/ashgrove/posts/1?comment=1',
    author: 'A Parent',
    title: 'Comment on "Sports day"',
    text: 'I will be waiting outside the gates for that teacher tomorrow.',
    publishedAt: '2026-03-18T09:00:00.000Z',
    fetchedAt: '2026-03-18T09:05:00.000Z',
    isOfficialAccountComment: false,
    contentHash: 'hash-1',
    ...overrides,
  });

export const classification = (categories: CategoryId[], severity: Severity | null): Classification =>
  ClassificationSchema.parse({
    flagged: categories.length > 0,
    categories,
    severity,
    reasons: categories.map((category) => ({
      category,
      severity: severity ?? 'low',
      clauses: 'Trust 4.2.6',
      summary: `Looks like ${category}`,
      evidence: [{ kind: 'keyword', ruleId: `${category}-1`, match: 'waiting outside', explanation: `Matched a ${category} phrase` }],
    })),
    keywordVersion: 'k-1',
  });

export const alert = (m: Partial<Mention> = {}, categories: CategoryId[] = ['threat'], severity: Severity | null = 'critical'): AlertMessage => ({
  mention: mention(m),
  classification: classification(categories, severity),
});

export class FakeClock implements Clock {
  constructor(public current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  set(iso: string): void {
    this.current = new Date(iso);
  }
}

export class FakeMailer implements Mailer {
  sent: OutgoingEmail[] = [];
  failNext = 0;
  async send(email: OutgoingEmail): Promise<string> {
    if (this.failNext > 0) {
      this.failNext -= 1;
      throw new Error('SES is down');
    }
    this.sent.push(email);
    return `msg-${this.sent.length}`;
  }
}

export class FakeLedger implements EffectLedger {
  readonly state = new Map<string, 'claimed' | 'done'>();
  async claim(key: string): Promise<boolean> {
    if (this.state.has(key)) return false;
    this.state.set(key, 'claimed');
    return true;
  }
  async complete(key: string): Promise<void> {
    this.state.set(key, 'done');
  }
  async release(key: string): Promise<void> {
    if (this.state.get(key) === 'claimed') this.state.delete(key);
  }
}

export class FakeCaseRepository implements CaseRepository {
  readonly items = new Map<string, StoredCase>();
  readonly entries: CaseHistoryEntry[] = [];
  async create(stored: StoredCase, opened: CaseHistoryEntry): Promise<boolean> {
    if (this.items.has(stored.case.id)) return false;
    this.items.set(stored.case.id, structuredClone(stored));
    this.entries.push(opened);
    return true;
  }
  async get(caseId: string): Promise<StoredCase | null> {
    const found = this.items.get(caseId);
    return found ? structuredClone(found) : null;
  }
  async update(next: Case, entry: CaseHistoryEntry): Promise<void> {
    const current = this.items.get(next.id);
    if (!current) throw new NotFoundError(next.id);
    if (current.case.revision !== next.revision - 1) throw new ConflictError('revision moved');
    this.items.set(next.id, { ...current, case: structuredClone(next) });
    this.entries.push(entry);
  }
  async history(caseId: string): Promise<CaseHistoryEntry[]> {
    return this.entries.filter((e) => e.caseId === caseId);
  }
  async listOpen(schoolId: string): Promise<StoredCase[]> {
    return [...this.items.values()]
      .filter((s) => s.case.schoolId === schoolId && isOpen(s.case.status))
      .sort((a, b) => a.case.dueAt.localeCompare(b.case.dueAt));
  }
  async listClosedSince(schoolId: string, since: Date): Promise<StoredCase[]> {
    return [...this.items.values()].filter(
      (s) => s.case.schoolId === schoolId && !isOpen(s.case.status) && Date.parse(s.case.updatedAt) >= since.getTime(),
    );
  }
}

export class FakeDigestStore implements DigestStore {
  entries: DigestEntry[] = [];
  async add(entry: DigestEntry): Promise<void> {
    this.entries.push(entry);
  }
  async listBefore(schoolId: string, before: Date): Promise<DigestEntry[]> {
    return this.entries
      .filter((e) => e.schoolId === schoolId && Date.parse(e.createdAt) < before.getTime())
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }
  async remove(entries: readonly DigestEntry[]): Promise<void> {
    this.entries = this.entries.filter((e) => !entries.some((r) => r.caseId === e.caseId && r.createdAt === e.createdAt));
  }
}

export class FakeNonceStore implements LinkNonceStore {
  readonly spent = new Set<string>();
  async spend(nonce: string): Promise<boolean> {
    if (this.spent.has(nonce)) return false;
    this.spent.add(nonce);
    return true;
  }
  async isSpent(nonce: string): Promise<boolean> {
    return this.spent.has(nonce);
  }
  async release(nonce: string): Promise<void> {
    this.spent.delete(nonce);
  }
}

export class FakeSchools implements SchoolDirectory {
  constructor(private readonly schools: School[]) {}
  async getSchool(id: string): Promise<School> {
    const found = this.schools.find((s) => s.id === id);
    if (!found) throw new NotFoundError(`No school ${id}`);
    return found;
  }
  async listSchools(): Promise<School[]> {
    return this.schools;
  }
}

export const fakeDeps = (now: string, schools: School[] = [school()]) => {
  const deps = {
    cases: new FakeCaseRepository(),
    schools: new FakeSchools(schools),
    digests: new FakeDigestStore(),
    ledger: new FakeLedger(),
    mailer: new FakeMailer(),
    clock: new FakeClock(new Date(now)),
    links: new ActionLinkSigner(SIGNING_KEY, 'https://actions.example/actions'),
    nonces: new FakeNonceStore(),
  };
  return deps satisfies CaseDeps;
};
