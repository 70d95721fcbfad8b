/**
 * The DynamoDB key scheme of the single table (MAIN_TABLE). Every item type's keys are built here and
 * nowhere else, so the access patterns in README "Table design" stay true.
 *
 * | item                 | pk                                  | sk                         | gsi1pk                 | gsi1sk                 |
 * |----------------------|-------------------------------------|----------------------------|------------------------|------------------------|
 * | school profile       | SCHOOL#<schoolId>                   | PROFILE                    | SCHOOLS                | <schoolId>             |
 * | source               | SCHOOL#<schoolId>                   | SOURCE#<sourceId>          | SOURCES_DUE            | <nextPollAt>#<schoolId>#<sourceId> |
 * | seen item (dedupe)   | SEEN#<schoolId>#<sourceId>          | <externalId hash>          | –                      | –                      |
 * | mention              | MENTION#<schoolId>#<mentionId>      | MENTION                    | MENTIONS#<schoolId>    | <fetchedAt>#<mentionId>|
 * | case                 | CASE#<caseId>                       | CASE                       | OPEN_CASES#<schoolId>  | <dueAt>#<caseId> (only while open) |
 * | case history entry   | CASE#<caseId>                       | HISTORY#<at>#<seq>         | –                      | –                      |
 * | closed case (report) | CASE#<caseId>                       | CASE                       | CLOSED_CASES#<schoolId>| <closedAt>#<caseId>    |
 * | keyword list current | KEYWORDS#<schoolId or GLOBAL>       | CURRENT#<category>         | –                      | –                      |
 * | keyword list version | KEYWORDS#<schoolId or GLOBAL>       | VERSION#<category>#<n, 6 digits> | –                | –                      |
 * | digest entry         | DIGEST#<schoolId>                   | <createdAt>#<caseId>       | –                      | –                      |
 * | effect ledger        | EFFECT#<key>                        | EFFECT                     | –                      | –                      |
 * | used action link     | LINK#<nonce>                        | LINK                       | –                      | –                      |
 */

export const GLOBAL_SCOPE = 'GLOBAL';

export const keys = {
  schoolProfile: (schoolId: string) => ({ pk: `SCHOOL#${schoolId}`, sk: 'PROFILE' }),
  schoolsIndex: (schoolId: string) => ({ gsi1pk: 'SCHOOLS', gsi1sk: schoolId }),

  source: (schoolId: string, sourceId: string) => ({ pk: `SCHOOL#${schoolId}`, sk: `SOURCE#${sourceId}` }),
  sourceDueIndex: (nextPollAt: string, schoolId: string, sourceId: string) => ({
    gsi1pk: 'SOURCES_DUE',
    gsi1sk: `${nextPollAt}#${schoolId}#${sourceId}`,
  }),
  SOURCES_DUE: 'SOURCES_DUE',

  seenItem: (schoolId: string, sourceId: string, externalIdHash: string) => ({
    pk: `SEEN#${schoolId}#${sourceId}`,
    sk: externalIdHash,
  }),

  mention: (schoolId: string, mentionId: string) => ({ pk: `MENTION#${schoolId}#${mentionId}`, sk: 'MENTION' }),
  mentionsBySchool: (schoolId: string, fetchedAt: string, mentionId: string) => ({
    gsi1pk: `MENTIONS#${schoolId}`,
    gsi1sk: `${fetchedAt}#${mentionId}`,
  }),
  mentionsOfSchool: (schoolId: string) => `MENTIONS#${schoolId}`,

  case: (caseId: string) => ({ pk: `CASE#${caseId}`, sk: 'CASE' }),
  openCaseIndex: (schoolId: string, dueAt: string, caseId: string) => ({
    gsi1pk: `OPEN_CASES#${schoolId}`,
    gsi1sk: `${dueAt}#${caseId}`,
  }),
  openCasesOf: (schoolId: string) => `OPEN_CASES#${schoolId}`,
  closedCaseIndex: (schoolId: string, closedAt: string, caseId: string) => ({
    gsi1pk: `CLOSED_CASES#${schoolId}`,
    gsi1sk: `${closedAt}#${caseId}`,
  }),
  closedCasesOf: (schoolId: string) => `CLOSED_CASES#${schoolId}`,
  caseHistory: (caseId: string, at: string, seq: number) => ({
    pk: `CASE#${caseId}`,
    sk: `HISTORY#${at}#${String(seq).padStart(4, '0')}`,
  }),
  CASE_HISTORY_PREFIX: 'HISTORY#',

  keywordCurrent: (scope: string, category: string) => ({ pk: `KEYWORDS#${scope}`, sk: `CURRENT#${category}` }),
  keywordVersion: (scope: string, category: string, version: number) => ({
    pk: `KEYWORDS#${scope}`,
    sk: `VERSION#${category}#${String(version).padStart(6, '0')}`,
  }),

  digestEntry: (schoolId: string, createdAt: string, caseId: string) => ({
    pk: `DIGEST#${schoolId}`,
    sk: `${createdAt}#${caseId}`,
  }),
  digestOf: (schoolId: string) => `DIGEST#${schoolId}`,

  effect: (key: string) => ({ pk: `EFFECT#${key}`, sk: 'EFFECT' }),
  usedLink: (nonce: string) => ({ pk: `LINK#${nonce}`, sk: 'LINK' }),
} as const;

/** Epoch seconds for the TTL attribute. */
export const ttlIn = (from: Date, days: number): number => Math.floor(from.getTime() / 1000) + days * 86_400;

/** DynamoDB may keep expired items for a while after their TTL: readers drop them (dynalite has no TTL at all). */
export const isExpired = (item: { expiresAt?: unknown }, now: Date): boolean =>
  typeof item.expiresAt === 'number' && item.expiresAt <= Math.floor(now.getTime() / 1000);
