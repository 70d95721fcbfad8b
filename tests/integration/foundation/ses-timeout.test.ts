import { GetSendQuotaCommand } from '@aws-sdk/client-ses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emulatorEnvironment, startEmulators, type Emulators } from '../../../infra/local/emulators';

describe('the SES client', () => {
  let emulators: Emulators;
  beforeAll(async () => {
    emulators = await startEmulators();
    Object.assign(process.env, emulatorEnvironment(emulators));
  });
  afterAll(async () => {
    await emulators.stop();
  });

  it('gives up with an error instead of hanging when SES never answers', async () => {
    // aws-ses-v2-local never answers actions other than sending; a real SES outage looks the same.
    const { sesClient } = await import('../../../shared/platform/clients');
    const started = Date.now();
    await expect(sesClient().send(new GetSendQuotaCommand({}))).rejects.toThrow(/timeout|timed out|socket hang up/i);
    expect(Date.now() - started).toBeLessThan(25_000);
  });
});
