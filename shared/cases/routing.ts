/**
 * Who hears about an alert. The default table below follows the policies: threats and safeguarding go
 * to the designated safeguarding lead and the headteacher at once (KCSIE, Alfreton 5.7); complaints to
 * the business manager (Alfreton 5.9 sends them to the headteacher's office; the business manager runs
 * the complaints procedure); comments on official accounts to whoever moderates them. A school overrides
 * any row with School.alertRouting.
 */
import { createHash } from 'node:crypto';
import type { AlertRouteKey, Contact, ContactRole, School } from '../domain/model';
import type { CategoryId, Severity } from '../domain/policy';
import { ConfigError } from '../platform/errors';

export const DEFAULT_ROUTING: Readonly<Record<AlertRouteKey, readonly ContactRole[]>> = {
  threat: ['dsl', 'headteacher'],
  safeguarding: ['dsl', 'headteacher'],
  discrimination: ['headteacher', 'deputy'],
  allegation: ['headteacher', 'dsl'],
  defamation: ['headteacher', 'business_manager'],
  abuse: ['headteacher', 'deputy'],
  personal_data: ['headteacher', 'business_manager'],
  investigation: ['headteacher'],
  complaint: ['business_manager'],
  impersonation: ['administrator', 'business_manager'],
  /** Every comment on an official account, flagged or not: someone has to answer it within the deadline. */
  official_comment: ['moderator', 'administrator'],
  /** Added on top of the category rows for any critical alert. */
  critical: ['headteacher'],
};

/** When none of the routed roles has a contact, the first of these that has one is used. */
const FALLBACK_ROLES: readonly ContactRole[] = ['headteacher', 'deputy', 'escalation'];

export interface Recipients {
  to: string[];
  /** The roles that were asked for (for the email footer and logs). */
  roles: ContactRole[];
}

const rolesFor = (school: School, key: AlertRouteKey): readonly ContactRole[] =>
  school.alertRouting?.[key] ?? DEFAULT_ROUTING[key];

const addressesWith = (school: School, roles: readonly ContactRole[]): string[] => {
  const seen = new Map<string, string>();
  for (const contact of school.contacts) {
    if (contact.roles.some((r) => roles.includes(r))) seen.set(contact.email.toLowerCase(), contact.email);
  }
  return [...seen.values()];
};

/** The addresses for `roles`, falling back down FALLBACK_ROLES; throws when the school has nobody to tell. */
export const resolveRoles = (school: School, roles: readonly ContactRole[]): Recipients => {
  const to = addressesWith(school, roles);
  if (to.length > 0) return { to, roles: [...roles] };
  for (const fallback of FALLBACK_ROLES) {
    const found = addressesWith(school, [fallback]);
    if (found.length > 0) return { to: found, roles: [fallback] };
  }
  throw new ConfigError(
    `School "${school.id}" has no contact for ${roles.join(', ')} nor any of ${FALLBACK_ROLES.join(', ')}: add contacts to its profile`,
  );
};

export interface AlertFacts {
  categories: readonly CategoryId[];
  severity: Severity | null;
  isOfficialAccountComment: boolean;
}

export const routeAlert = (school: School, alert: AlertFacts): Recipients => {
  const keys: AlertRouteKey[] = [...alert.categories];
  if (alert.isOfficialAccountComment || keys.length === 0) keys.push('official_comment');
  if (alert.severity === 'critical') keys.push('critical');
  const roles = [...new Set(keys.flatMap((k) => rolesFor(school, k)))];
  return resolveRoles(school, roles);
};

export const escalationRecipients = (school: School): Recipients => resolveRoles(school, ['escalation']);

/** Senior leadership for the weekly summary. */
export const leadershipRecipients = (school: School): Recipients => resolveRoles(school, ['headteacher', 'deputy']);

/** Critical and high alerts are emailed at once; medium, low and unflagged comments wait for the digest. */
export const deliversImmediately = (severity: Severity | null): boolean => severity === 'critical' || severity === 'high';

/** A short stable tag for a recipient address: in ledger keys and action links instead of the address. */
export const recipientTag = (address: string): string =>
  createHash('sha256').update(address.trim().toLowerCase()).digest('hex').slice(0, 16);

/** The school contact a recipient tag stands for, if they are still a contact. */
export const contactByTag = (school: School, tag: string | undefined): Contact | undefined =>
  tag === undefined ? undefined : school.contacts.find((c) => recipientTag(c.email) === tag);
