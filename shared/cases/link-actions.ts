/**
 * The one-click links, as use cases. Opening a link (GET) only shows what it would do: mail scanners
 * and link previews fetch links, and must not acknowledge a case. Confirming (POST) verifies the link
 * again, spends its nonce with a conditional write (a second use is refused), then acts on the case.
 */
import type { School } from '../domain/model';
import type { Clock } from '../domain/ports';
import { LADDER, type LadderStep } from '../domain/policy';
import { ConflictError } from '../platform/errors';
import { actOnCase, loadCase } from './act-on-case';
import { LinkGoneError, LinkInvalidError, type ActionLinkSigner, type LinkClaims } from './action-links';
import { applyCaseCommand, type CaseCommand, type StoredCase } from './case-lifecycle';
import type { CaseRepository, LinkNonceStore, SchoolDirectory } from './ports';
import { contactByTag } from './routing';

export interface LinkActionDeps {
  cases: CaseRepository;
  schools: SchoolDirectory;
  links: ActionLinkSigner;
  nonces: LinkNonceStore;
  clock: Clock;
}

export interface LinkView {
  claims: LinkClaims;
  stored: StoredCase;
  school: School;
}

export interface ConfirmForm {
  /** The action the form says it performs; must match the link's. */
  action?: string;
  step?: string;
  note?: string;
  name?: string;
}

const USED = 'This link has already been used. Each link works once; the case history shows what was done.';

/** Who is acting: the contact the link was sent to, else the name typed on the page, else "email link". */
export const linkActor = (claims: LinkClaims, school: School, typedName?: string): string => {
  const contact = contactByTag(school, claims.recipient);
  if (contact) return `${contact.name} <${contact.email}> (email link)`;
  const name = typedName?.trim();
  return name ? `${name} (email link)` : 'email link';
};

const commandFor = (claims: LinkClaims, actor: string, form: ConfirmForm): CaseCommand => {
  if (claims.action !== 'handle') return { action: claims.action, actor, note: form.note };
  if (!form.step || !(form.step in LADDER)) throw new LinkInvalidError('Choose the action that was taken.');
  return { action: 'handle', step: form.step as LadderStep, actor, note: form.note };
};

/** GET: a valid, unused link for a case that can still take the action. Throws otherwise. */
export const viewLink = async (deps: LinkActionDeps, token: string): Promise<LinkView> => {
  const now = deps.clock.now();
  const claims = deps.links.verify(token, now);
  if (await deps.nonces.isSpent(claims.nonce)) throw new LinkGoneError(USED);
  const stored = await loadCase(deps.cases, claims.caseId);
  // Dry run: says "already handled" on the GET page rather than after the moderator confirms.
  const probe: CaseCommand =
    claims.action === 'handle' ? { action: 'handle', step: 'no_action_needed', actor: 'check' } : { action: claims.action, actor: 'check' };
  applyCaseCommand(stored.case, probe, now);
  return { claims, stored, school: await deps.schools.getSchool(stored.case.schoolId) };
};

/** POST: verify, spend the nonce, act. A refused link changes nothing. */
export const performLink = async (deps: LinkActionDeps, token: string, form: ConfirmForm): Promise<LinkView> => {
  const now = deps.clock.now();
  const claims = deps.links.verify(token, now);
  if (form.action !== undefined && form.action !== claims.action) {
    throw new LinkInvalidError('This link is for a different action.');
  }
  if (await deps.nonces.isSpent(claims.nonce)) throw new LinkGoneError(USED);
  const current = await loadCase(deps.cases, claims.caseId);
  const school = await deps.schools.getSchool(current.case.schoolId);
  const command = commandFor(claims, linkActor(claims, school, form.name), form);
  applyCaseCommand(current.case, command, now);
  if (!(await deps.nonces.spend(claims.nonce, { caseId: claims.caseId, action: claims.action, expiresAt: claims.expiresAt }))) {
    throw new LinkGoneError(USED);
  }
  let stored: StoredCase;
  try {
    stored = await actOnCase(deps.cases, claims.caseId, command, now);
  } catch (error) {
    // Someone else closed the case in between: the link has no use left. Anything else: let it be retried.
    if (!(error instanceof ConflictError)) await deps.nonces.release(claims.nonce);
    throw error;
  }
  return { claims, stored, school };
};
