import { SendEmailCommand, type SESClient } from '@aws-sdk/client-ses';
import type { Mailer, OutgoingEmail } from '../domain/ports';
import { optionalSetting, senderEmail } from './config';
import { UpstreamError, ValidationError } from './errors';
import { SETTINGS_ENV } from './resources';

export const SUBJECT_MAX_LENGTH = 150;

/** One line, no control characters, capped: header injection through a subject is impossible. */
export const safeSubject = (subject: string): string => {
  const oneLine = subject
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return oneLine.length > SUBJECT_MAX_LENGTH ? `${oneLine.slice(0, SUBJECT_MAX_LENGTH - 1)}…` : oneLine;
};

const ADDRESS = /^[^@\s<>,;"]+@[^@\s<>,;"]+$/;

/** The mailer every function uses: the verified sender and the optional configuration set from settings. */
export const mailerFromSettings = (client: SESClient, env: NodeJS.ProcessEnv = process.env): SesMailer =>
  new SesMailer(client, senderEmail(env), optionalSetting(SETTINGS_ENV.sesConfigurationSet, env));

export class SesMailer implements Mailer {
  constructor(
    private readonly client: SESClient,
    private readonly from: string,
    private readonly configurationSet?: string,
  ) {}

  async send(email: OutgoingEmail): Promise<string> {
    const to = [...new Set(email.to)];
    const cc = [...new Set(email.cc ?? [])].filter((a) => !to.includes(a));
    for (const address of [...to, ...cc]) {
      if (!ADDRESS.test(address)) throw new ValidationError(`Not a valid recipient address: "${address}"`);
    }
    if (to.length === 0) throw new ValidationError('An email needs at least one recipient');
    try {
      const result = await this.client.send(
        new SendEmailCommand({
          Source: this.from,
          Destination: { ToAddresses: to, CcAddresses: cc.length ? cc : undefined },
          Message: {
            Subject: { Data: safeSubject(email.subject), Charset: 'UTF-8' },
            Body: { Text: { Data: email.text, Charset: 'UTF-8' }, Html: { Data: email.html, Charset: 'UTF-8' } },
          },
          ConfigurationSetName: this.configurationSet,
        }),
      );
      return result.MessageId ?? '';
    } catch (cause) {
      throw new UpstreamError(`SES did not send the email: ${(cause as Error).message}`, undefined, { cause });
    }
  }
}
