/** A moderator acts on a case (from an action link or the CLI): load, apply, conditional save. */
import { ConflictError, NotFoundError } from '../platform/errors';
import { applyCaseCommand, type CaseCommand, type StoredCase } from './case-lifecycle';
import type { CaseRepository } from './ports';

/** Another writer got in between our read and our write: read again and re-apply (bounded). */
const MAX_ATTEMPTS = 3;

export const loadCase = async (cases: CaseRepository, caseId: string, schoolId?: string): Promise<StoredCase> => {
  const stored = await cases.get(caseId);
  // A case of another school is reported as missing: the CLI's --school must not reveal other schools' cases.
  if (!stored || (schoolId !== undefined && stored.case.schoolId !== schoolId)) {
    throw new NotFoundError(`No case ${caseId}${schoolId ? ` for school ${schoolId}` : ''}`);
  }
  return stored;
};

export const actOnCase = async (
  cases: CaseRepository,
  caseId: string,
  command: CaseCommand,
  now: Date,
  schoolId?: string,
): Promise<StoredCase> => {
  let lastConflict: unknown;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const stored = await loadCase(cases, caseId, schoolId);
    const { next, entry } = applyCaseCommand(stored.case, command, now);
    try {
      await cases.update(next, entry);
      return { ...stored, case: next };
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      lastConflict = error;
    }
  }
  throw lastConflict;
};
