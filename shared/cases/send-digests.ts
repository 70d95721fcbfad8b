/**
 * Digest delivery. Digest windows are fixed slices of `digestIntervalMinutes` aligned to the epoch, so
 * a window's contents are settled once it has closed (plus a grace for writes in flight) and every run
 * agrees on them. Each recipient's email for a window is an effect-ledger key
 * (`digest:<school>:<window start>:<recipientTag>`); entries are removed once every recipient has had
 * theirs. A failed send leaves the entries, and the next run sends only what is still missing.
 * Cases closed before their digest went out are left out of it.
 */
import { emailEach } from './deliver';
import type { School } from '../domain/model';
import { isOpen } from './case-lifecycle';
import { renderDigestEmail, type DigestItem } from './email/digest-email';
import type { CaseDeps, DigestEntry } from './ports';
import { recipientTag, routeAlert } from './routing';
import type { RunFailure } from './run-report';

/** Entries are stamped with the notifier's clock when written; this covers a write still in flight. */
export const DIGEST_GRACE_MS = 2 * 60_000;

export interface DigestReport {
  schools: number;
  emails: number;
  entries: number;
  failures: RunFailure[];
}

const windowStartOf = (instant: number, windowMs: number): number => Math.floor(instant / windowMs) * windowMs;

/** Ledger key base of a digest window; each recipient's email adds `:<recipientTag>` (deliver.ts). */
export const digestKey = (schoolId: string, windowStart: Date): string => `digest:${schoolId}:${windowStart.toISOString()}`;

const sendWindow = async (
  deps: CaseDeps,
  school: School,
  windowStart: Date,
  entries: readonly DigestEntry[],
  now: Date,
): Promise<number> => {
  const byRecipient = new Map<string, DigestItem[]>();
  for (const entry of entries) {
    const stored = await deps.cases.get(entry.caseId);
    if (!stored || !isOpen(stored.case.status)) continue;
    for (const address of routeAlert(school, stored.case).to) {
      const items = byRecipient.get(address) ?? [];
      items.push({ stored, links: deps.links.linksFor(stored.case.id, now, recipientTag(address)) });
      byRecipient.set(address, items);
    }
  }
  const emails = await emailEach(deps, [...byRecipient.keys()], digestKey(school.id, windowStart), (address, key) =>
    renderDigestEmail(school, address, byRecipient.get(address)!, windowStart, key),
  );
  await deps.digests.remove(entries);
  return emails;
};

export const sendDueDigests = async (deps: CaseDeps): Promise<DigestReport> => {
  const now = deps.clock.now();
  const report: DigestReport = { schools: 0, emails: 0, entries: 0, failures: [] };
  for (const school of await deps.schools.listSchools()) {
    report.schools += 1;
    try {
      const windowMs = school.digestIntervalMinutes * 60_000;
      const openWindowStart = windowStartOf(now.getTime() - DIGEST_GRACE_MS, windowMs);
      const entries = await deps.digests.listBefore(school.id, new Date(openWindowStart));
      const windows = new Map<number, DigestEntry[]>();
      for (const entry of entries) {
        const start = windowStartOf(Date.parse(entry.createdAt), windowMs);
        windows.set(start, [...(windows.get(start) ?? []), entry]);
      }
      for (const [start, windowEntries] of [...windows].sort(([a], [b]) => a - b)) {
        report.emails += await sendWindow(deps, school, new Date(start), windowEntries, now);
        report.entries += windowEntries.length;
      }
    } catch (error) {
      report.failures.push({ schoolId: school.id, error });
    }
  }
  return report;
};
