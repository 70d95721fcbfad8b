/**
 * Digest delivery. Digest windows are fixed slices of `digestIntervalMinutes` aligned to the epoch, so
 * a window's contents are settled once it has closed (plus a grace for writes in flight) and every run
 * agrees on them. Each recipient's email for a window is an effect-ledger key
 * (`digest:<school>:<window start>:<address hash>`); entries are removed once every recipient has had
 * theirs. A failed send leaves the entries, and the next run sends only what is still missing.
 * Cases closed before their digest went out are left out of it.
 */
import { createHash } from 'node:crypto';
import { onceOnly } from '../domain/effects';
import type { School } from '../domain/model';
import { isOpen } from './case-lifecycle';
import { renderDigestEmail, type DigestItem } from './email/digest-email';
import type { CaseDeps, DigestEntry } from './ports';
import { routeAlert } from './routing';
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

export const digestKey = (schoolId: string, windowStart: Date, address: string): string =>
  `digest:${schoolId}:${windowStart.toISOString()}:${createHash('sha256').update(address.toLowerCase()).digest('hex').slice(0, 16)}`;

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
      items.push({ stored, links: deps.links.linksFor(stored.case.id, now) });
      byRecipient.set(address, items);
    }
  }
  let emails = 0;
  for (const [address, items] of byRecipient) {
    const key = digestKey(school.id, windowStart, address);
    const sent = await onceOnly(deps.ledger, key, () =>
      deps.mailer.send(renderDigestEmail(school, address, items, windowStart, key)),
    );
    if (sent.done) emails += 1;
  }
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
