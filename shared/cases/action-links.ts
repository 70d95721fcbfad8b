/**
 * The one-click links in alert emails. A link carries a token: base64url(JSON claims) "." base64url(
 * HMAC-SHA256(key, "v1." + claims)). The claims tie it to one case and one action, give it an expiry
 * and a random nonce; the nonce is spent with a conditional write when the action is performed, so a
 * link works once. Verification compares MACs in constant time before reading any claim.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import * as z from 'zod';
import { AppError, ConfigError, ForbiddenError } from '../platform/errors';
import { CASE_ACTIONS, type CaseAction } from './case-lifecycle';

/** Long enough to act after a holiday weekend, short enough that an old email stops being a key. */
export const LINK_LIFETIME_DAYS = 14;
const MIN_KEY_LENGTH = 32;
const VERSION = 'v1';
const MAX_TOKEN_LENGTH = 512;

const ClaimsSchema = z.object({
  c: z.string().regex(/^[0-9a-f]{20}$/),
  a: z.enum(CASE_ACTIONS),
  /** Expiry, epoch seconds. */
  e: z.number().int().positive(),
  n: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
  /** Which recipient the link was sent to (recipientTag), so the case history can say who acted. */
  r: z.string().regex(/^[0-9a-f]{16}$/).optional(),
});

export interface LinkClaims {
  caseId: string;
  action: CaseAction;
  expiresAt: Date;
  nonce: string;
  recipient?: string;
}

/** The link is not one we signed, or not for this action (403). */
export class LinkInvalidError extends ForbiddenError {}

/** The link was real but is no longer usable: expired or already used (410 Gone). */
export class LinkGoneError extends AppError {
  readonly retryable = false;
  readonly httpStatus = 410;
}

const mac = (key: string, payload: string): Buffer =>
  createHmac('sha256', key).update(`${VERSION}.${payload}`).digest();

export class ActionLinkSigner {
  constructor(
    private readonly key: string,
    private readonly baseUrl: string,
    private readonly lifetimeDays = LINK_LIFETIME_DAYS,
  ) {
    if (key.length < MIN_KEY_LENGTH) {
      throw new ConfigError(`The link-signing key must be at least ${MIN_KEY_LENGTH} characters`);
    }
    if (!/^https?:\/\//.test(baseUrl)) throw new ConfigError(`The action base URL must be http(s), got "${baseUrl}"`);
  }

  sign(caseId: string, action: CaseAction, now: Date, recipient?: string): string {
    const claims = {
      c: caseId,
      a: action,
      e: Math.floor(now.getTime() / 1000) + this.lifetimeDays * 86_400,
      n: randomBytes(18).toString('base64url'),
      r: recipient,
    };
    const payload = Buffer.from(JSON.stringify(ClaimsSchema.parse(claims))).toString('base64url');
    return `${payload}.${mac(this.key, payload).toString('base64url')}`;
  }

  url(token: string): string {
    const url = new URL(this.baseUrl);
    url.searchParams.set('t', token);
    return url.toString();
  }

  /** The three links for one case and one recipient (a recipientTag), each with its own nonce. */
  linksFor(caseId: string, now: Date, recipient?: string): Record<CaseAction, string> {
    return {
      acknowledge: this.url(this.sign(caseId, 'acknowledge', now, recipient)),
      handle: this.url(this.sign(caseId, 'handle', now, recipient)),
      false_positive: this.url(this.sign(caseId, 'false_positive', now, recipient)),
    };
  }

  /** Checks the MAC first, then the claims and the expiry. Throws LinkInvalidError / LinkGoneError. */
  verify(token: string, now: Date): LinkClaims {
    if (token.length > MAX_TOKEN_LENGTH) throw new LinkInvalidError('This link is not valid.');
    const [payload, signature, extra] = token.split('.');
    if (!payload || !signature || extra !== undefined) throw new LinkInvalidError('This link is not valid.');
    const expected = mac(this.key, payload);
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new LinkInvalidError('This link is not valid: it has been altered or was not issued by us.');
    }
    let claims: z.infer<typeof ClaimsSchema>;
    try {
      claims = ClaimsSchema.parse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
    } catch {
      throw new LinkInvalidError('This link is not valid.');
    }
    if (claims.e * 1000 <= now.getTime()) {
      throw new LinkGoneError('This link has expired. Use a newer email, or the cases command.');
    }
    return { caseId: claims.c, action: claims.a, expiresAt: new Date(claims.e * 1000), nonce: claims.n, recipient: claims.r };
  }
}
