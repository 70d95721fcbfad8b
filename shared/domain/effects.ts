import type { EffectLedger } from './ports';

/** Claim, run the effect, complete; release on failure so a redelivery can try again. */
export const onceOnly = async <T>(
  ledger: EffectLedger,
  key: string,
  effect: () => Promise<T>,
  leaseSeconds = 120,
): Promise<{ done: true; result: T } | { done: false }> => {
  if (!(await ledger.claim(key, leaseSeconds))) return { done: false };
  let result: T;
  try {
    result = await effect();
  } catch (error) {
    await ledger.release(key);
    throw error;
  }
  await ledger.complete(key);
  return { done: true, result };
};
