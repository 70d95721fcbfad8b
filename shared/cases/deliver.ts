/**
 * One email per recipient, each an effect-ledger key of its own (`<keyBase>:<recipientTag>`). Separate
 * emails let each person's links record who acted; separate keys mean a failure for one recipient is
 * retried without sending the others a second copy.
 */
import { onceOnly } from '../domain/effects';
import type { EffectLedger, Mailer, OutgoingEmail } from '../domain/ports';
import { recipientTag } from './routing';

export const recipientKey = (keyBase: string, address: string): string => `${keyBase}:${recipientTag(address)}`;

/** Sends to every address it can; then, if any failed, throws the first error (the caller's retry sends the rest). */
export const emailEach = async (
  deps: { ledger: EffectLedger; mailer: Mailer },
  addresses: readonly string[],
  keyBase: string,
  render: (address: string, key: string) => OutgoingEmail,
): Promise<number> => {
  let sent = 0;
  const errors: unknown[] = [];
  for (const address of addresses) {
    const key = recipientKey(keyBase, address);
    try {
      const result = await onceOnly(deps.ledger, key, () => deps.mailer.send(render(address, key)));
      if (result.done) sent += 1;
    } catch (error) {
      errors.push(error);
    }
  }
  if (errors.length > 0) throw errors[0];
  return sent;
};
