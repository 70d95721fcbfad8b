/**
 * Configuration read once at cold start. A missing or malformed setting throws a ConfigError that
 * names it, so a misconfigured function fails on its first invocation with a message an
 * administrator can act on.
 */
import { readFileSync } from 'node:fs';
import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import { ConfigError } from './errors';
import { MAIN_TABLE, QUEUES, SECRETS, SETTINGS_ENV, type QueueName, type SecretName } from './resources';

const DESCRIPTIONS: Record<string, string> = {
  [MAIN_TABLE.envVar]: 'the DynamoDB table name (set by the CDK stack, or by the local runtime)',
  [SETTINGS_ENV.senderEmail]: 'the verified SES sender address for alert emails',
  [SETTINGS_ENV.actionBaseUrl]: 'the base URL of the action-link endpoint (the HTTP API)',
};

export const requireSetting = (name: string, env: NodeJS.ProcessEnv = process.env): string => {
  const value = env[name]?.trim();
  if (!value) {
    const what = DESCRIPTIONS[name] ?? 'a required setting';
    throw new ConfigError(`Missing setting ${name}: ${what}.`);
  }
  return value;
};

export const optionalSetting = (name: string, env: NodeJS.ProcessEnv = process.env): string | undefined =>
  env[name]?.trim() || undefined;

export const tableName = (env: NodeJS.ProcessEnv = process.env): string => requireSetting(MAIN_TABLE.envVar, env);

export const queueUrl = (queue: QueueName, env: NodeJS.ProcessEnv = process.env): string => {
  const name = QUEUES[queue].envVar;
  const value = env[name]?.trim();
  if (!value) throw new ConfigError(`Missing setting ${name}: the URL of the ${queue} queue.`);
  if (!/^https?:\/\//.test(value)) throw new ConfigError(`Setting ${name} must be a queue URL, got "${value}".`);
  return value;
};

export const senderEmail = (env: NodeJS.ProcessEnv = process.env): string => {
  const value = requireSetting(SETTINGS_ENV.senderEmail, env);
  if (!/^[^@\s]+@[^@\s]+$/.test(value)) throw new ConfigError(`Setting SENDER_EMAIL is not an email address: "${value}".`);
  return value;
};

/** Secret values are cached for five minutes (Powertools) so a rotated secret is picked up. */
const SECRET_MAX_AGE_SECONDS = 300;

/**
 * A secret's setting holds where the secret lives, never the secret in a log line:
 *   arn:aws:secretsmanager:…  → AWS Secrets Manager (what the CDK stack sets)
 *   file:<path>               → a local file (tokens.local.json, say)
 *   anything else             → the value itself (local runtime and tests only)
 */
export const readSecret = async (secret: SecretName, env: NodeJS.ProcessEnv = process.env): Promise<string> => {
  const name = SECRETS[secret].envVar;
  const where = env[name]?.trim();
  if (!where) throw new ConfigError(`Missing setting ${name}: where to find ${SECRETS[secret].description}.`);
  if (where.startsWith('arn:aws')) {
    const value = await getSecret(where, { maxAge: SECRET_MAX_AGE_SECONDS });
    if (typeof value !== 'string' || value.length === 0) throw new ConfigError(`Secret behind ${name} is empty.`);
    return value;
  }
  if (where.startsWith('file:')) {
    try {
      return readFileSync(where.slice('file:'.length), 'utf8').trim();
    } catch (cause) {
      throw new ConfigError(`Cannot read the file named by ${name}.`, { cause });
    }
  }
  return where;
};
