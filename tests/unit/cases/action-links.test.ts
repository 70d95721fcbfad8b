import { describe, expect, it } from 'vitest';
import { ActionLinkSigner, LinkGoneError, LinkInvalidError } from '../../../shared/cases/action-links';
import { ConfigError } from '../../../shared/platform/errors';
import { SIGNING_KEY } from './fixtures';

const signer = new ActionLinkSigner(SIGNING_KEY, 'https://actions.example/actions');
const now = new Date('2026-03-18T10:00:00Z');
const caseId = '0123456789abcdef0123';

const tamper = (token: string, at: number): string => {
  const c = token[at] === 'A' ? 'B' : 'A';
  return `${token.slice(0, at)}${c}${token.slice(at + 1)}`;
};

describe('signed action links', () => {
  it('verifies a link it signed: one case, one action, an expiry 14 days out and a nonce', () => {
    const claims = signer.verify(signer.sign(caseId, 'acknowledge', now), now);
    expect(claims).toMatchObject({ caseId, action: 'acknowledge', expiresAt: new Date('2026-04-01T10:00:00Z') });
    expect(claims.nonce).toMatch(/^[A-Za-z0-9_-]{24}$/);
  });

  it('gives every link its own nonce', () => {
    const links = signer.linksFor(caseId, now);
    const nonces = Object.values(links).map((url) => signer.verify(new URL(url).searchParams.get('t')!, now).nonce);
    expect(new Set(nonces).size).toBe(3);
    expect(links.handle.startsWith('https://actions.example/actions?t=')).toBe(true);
  });

  it('refuses a link whose claims or signature were altered', () => {
    const token = signer.sign(caseId, 'acknowledge', now);
    expect(() => signer.verify(tamper(token, 5), now)).toThrow(LinkInvalidError);
    expect(() => signer.verify(tamper(token, token.length - 3), now)).toThrow(LinkInvalidError);
    const [payload, sig] = token.split('.');
    const swapped = Buffer.from(Buffer.from(payload!, 'base64url').toString().replace('acknowledge', 'false_positive')).toString('base64url');
    expect(() => signer.verify(`${swapped}.${sig}`, now)).toThrow(LinkInvalidError);
    expect(() => signer.verify('not-a-token', now)).toThrow(LinkInvalidError);
    expect(() => signer.verify(`${token}.extra`, now)).toThrow(LinkInvalidError);
  });

  it('refuses a link signed with another key', () => {
    const other = new ActionLinkSigner('another-key-that-is-long-enough-0123456789', 'https://actions.example/actions');
    expect(() => signer.verify(other.sign(caseId, 'acknowledge', now), now)).toThrow(LinkInvalidError);
  });

  it('refuses an expired link with 410 Gone', () => {
    const token = signer.sign(caseId, 'handle', now);
    expect(() => signer.verify(token, new Date('2026-04-01T09:59:59Z'))).not.toThrow();
    const error = (() => {
      try {
        signer.verify(token, new Date('2026-04-01T10:00:00Z'));
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(LinkGoneError);
    expect((error as LinkGoneError).httpStatus).toBe(410);
  });

  it('will not run with a short key or a non-http base URL', () => {
    expect(() => new ActionLinkSigner('short', 'https://a.example')).toThrow(ConfigError);
    expect(() => new ActionLinkSigner(SIGNING_KEY, 'javascript:alert(1)')).toThrow(ConfigError);
  });
});
