/** Ports of the cases context; adapters are shared/platform/dynamo-case-*.ts (and fakes in unit tests). */
import type { Case, CaseHistoryEntry, School } from '../domain/model';
import type { Clock, EffectLedger, Mailer } from '../domain/ports';
import type { ActionLinkSigner } from './action-links';
import type { StoredCase } from './case-lifecycle';

export interface CaseRepository {
  /** Conditional put: false (and nothing written) when the case already exists. */
  create(stored: StoredCase, opened: CaseHistoryEntry): Promise<boolean>;
  get(caseId: string): Promise<StoredCase | null>;
  /**
   * Saves `next` only if the stored revision is still `next.revision - 1` (ConflictError otherwise) and
   * appends `entry` to the history. Moves the case from the open index to the closed one when it closes.
   */
  update(next: Case, entry: CaseHistoryEntry): Promise<void>;
  history(caseId: string): Promise<CaseHistoryEntry[]>;
  /** Open cases (new and acknowledged) of a school, earliest due first. */
  listOpen(schoolId: string): Promise<StoredCase[]>;
  /** Cases closed (handled or false positive) at or after `since`, oldest first. */
  listClosedSince(schoolId: string, since: Date): Promise<StoredCase[]>;
}

/** School profiles (the lead's DynamoSchoolRepository implements this). */
export interface SchoolDirectory {
  getSchool(schoolId: string): Promise<School>;
  listSchools(): Promise<School[]>;
}

export interface DigestEntry {
  schoolId: string;
  caseId: string;
  /** When the entry was queued (ISO instant); it decides the digest window it goes out in. */
  createdAt: string;
}

export interface DigestStore {
  add(entry: DigestEntry): Promise<void>;
  /** Pending entries of a school created before `before`, oldest first. */
  listBefore(schoolId: string, before: Date): Promise<DigestEntry[]>;
  remove(entries: readonly DigestEntry[]): Promise<void>;
}

/** Spent link nonces: each action link works once. */
export interface LinkNonceStore {
  /** Conditional put: false when the nonce was already spent. */
  spend(nonce: string, detail: { caseId: string; action: string; expiresAt: Date }): Promise<boolean>;
  isSpent(nonce: string): Promise<boolean>;
  /** Un-spends a nonce when the action failed for a reason that a retry could fix. */
  release(nonce: string): Promise<void>;
}

/** How many mentions each source produced since a time (weekly summary: noisiest sources). */
export interface MentionStats {
  countBySource(schoolId: string, since: Date): Promise<Map<string, number>>;
}

/** Everything the case use cases need, built once per container by the wiring. */
export interface CaseDeps {
  cases: CaseRepository;
  schools: SchoolDirectory;
  digests: DigestStore;
  ledger: EffectLedger;
  mailer: Mailer;
  clock: Clock;
  links: ActionLinkSigner;
}
