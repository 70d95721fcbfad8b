/**
 * The composition root of the cases context: the adapters behind CaseDeps, built once per container
 * (on first use, because the link-signing key is read from Secrets Manager asynchronously). Settings
 * are checked here, so a misconfigured function fails on its first invocation naming the setting.
 */
import { systemClock } from '../domain/ports';
import { ActionLinkSigner } from '../cases/action-links';
import type { CaseDeps } from '../cases/ports';
import { dynamoDocumentClient, sesClient } from './clients';
import { readSecret, requireSetting, tableName } from './config';
import { DynamoCaseRepository } from './dynamo-case-repository';
import { DynamoDigestStore } from './dynamo-digest-store';
import { DynamoEffectLedger } from './dynamo-effect-ledger';
import { DynamoLinkNonceStore } from './dynamo-link-nonce-store';
import { DynamoMentionStats } from './dynamo-mention-stats';
import { DynamoSchoolRepository } from './dynamo-school-repository';
import { SETTINGS_ENV } from './resources';
import { mailerFromSettings } from './ses-mailer';

export type CaseAdapters = Omit<CaseDeps, 'links'> & { nonces: DynamoLinkNonceStore; mentions: DynamoMentionStats };
export type CaseContext = CaseAdapters & Pick<CaseDeps, 'links'>;

let adapters: CaseAdapters | undefined;

/** Everything but the link signer: enough for the weekly summary, which has no access to the key. */
export const caseAdapters = (): CaseAdapters => {
  if (adapters) return adapters;
  const table = tableName();
  const db = dynamoDocumentClient();
  adapters = {
    cases: new DynamoCaseRepository(db, table),
    schools: new DynamoSchoolRepository(db, table),
    digests: new DynamoDigestStore(db, table),
    ledger: new DynamoEffectLedger(db, table, systemClock),
    mailer: mailerFromSettings(sesClient()),
    clock: systemClock,
    nonces: new DynamoLinkNonceStore(db, table, systemClock),
    mentions: new DynamoMentionStats(db, table),
  };
  return adapters;
};

const build = async (): Promise<CaseContext> => {
  const base = caseAdapters();
  const links = new ActionLinkSigner(await readSecret('link-signing-key'), requireSetting(SETTINGS_ENV.actionBaseUrl));
  return { ...base, links };
};

let context: Promise<CaseContext> | undefined;

/** The container's CaseContext; a failed build is not cached, so the next invocation tries again. */
export const caseContext = (): Promise<CaseContext> => {
  context ??= build().catch((error: unknown) => {
    context = undefined;
    throw error;
  });
  return context;
};
