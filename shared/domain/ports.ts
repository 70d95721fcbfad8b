/**
 * Ports shared by several contexts. The domain talks to these; adapters in shared/platform implement
 * them with the AWS SDK (or fakes in unit tests).
 */

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export interface OutgoingEmail {
  to: readonly string[];
  cc?: readonly string[];
  /** One line; adapters refuse CR/LF and cap the length. */
  subject: string;
  text: string;
  html: string;
  /** Idempotency key of the side effect this email is (for logs; exactly-once is enforced by a ledger). */
  key?: string;
}

export interface Mailer {
  /** Sends one email and returns the provider's message id. Throws on failure. */
  send(email: OutgoingEmail): Promise<string>;
}

export interface MessageQueue<T> {
  /** Sends messages (batched by the adapter). Throws if any message could not be sent. */
  send(messages: readonly T[]): Promise<void>;
}

/**
 * Exactly-once side effects: claim a key before doing the effect, mark it done after. A claim that
 * already exists (done, or claimed by another run less than leaseSeconds ago) returns false.
 */
export interface EffectLedger {
  claim(key: string, leaseSeconds: number): Promise<boolean>;
  complete(key: string, detail?: Record<string, string>): Promise<void>;
  /** Gives up a claim after a failed effect so a retry may try again. */
  release(key: string): Promise<void>;
}
