/**
 * Which environment variables each function gets, derived from its definition in resources.ts.
 * Pure (no CDK import): the stateless stack fills it with CloudFormation tokens, and the local runtime
 * can fill it with emulator URLs, so both hand a function the same variable names.
 */
import {
  SECRETS,
  SETTINGS_ENV,
  QUEUES,
  TABLES,
  type FunctionDefinition,
  type QueueName,
  type SecretName,
} from '../../shared/platform/resources';
import { SERVICE_NAME } from '../../shared/platform/metric-names';

/** Matches shared/platform/logger.ts; also the `service` dimension Powertools Metrics adds. */
export { SERVICE_NAME };

/** The SES configuration set the mailer passes as ConfigurationSetName (see mailerFromSettings). */
export const SES_CONFIGURATION_SET_ENV = SETTINGS_ENV.sesConfigurationSet;

export interface EnvironmentValues {
  tableNames: Record<string, string>;
  queueUrls: Record<QueueName, string>;
  secretArns: Record<SecretName, string>;
  senderEmail: string;
  sesConfigurationSet: string;
  actionBaseUrl: string;
  logLevel: string;
}

/**
 * Plain settings go to every function. A queue URL goes only to functions that send to that queue,
 * a secret's ARN only to functions that read it, and the configuration set only to functions that
 * send email: exactly the things their IAM grants let them use.
 */
export const functionEnvironment = (fn: FunctionDefinition, values: EnvironmentValues): Record<string, string> => {
  const env: Record<string, string> = {};
  for (const table of TABLES) env[table.envVar] = required(values.tableNames[table.id], table.id);
  for (const queue of fn.sendsTo) env[QUEUES[queue].envVar] = required(values.queueUrls[queue], queue);
  for (const secret of fn.secrets) env[SECRETS[secret].envVar] = required(values.secretArns[secret], secret);
  env[SETTINGS_ENV.senderEmail] = values.senderEmail;
  env[SETTINGS_ENV.actionBaseUrl] = values.actionBaseUrl;
  if (fn.sendsEmail) env[SES_CONFIGURATION_SET_ENV] = values.sesConfigurationSet;
  env.POWERTOOLS_SERVICE_NAME = SERVICE_NAME;
  env.POWERTOOLS_LOG_LEVEL = values.logLevel;
  env.NODE_OPTIONS = '--enable-source-maps';
  return env;
};

const required = (value: string | undefined, what: string): string => {
  if (value === undefined) throw new Error(`No value for ${what} when building a function environment`);
  return value;
};
