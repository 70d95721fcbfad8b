import type { LookupAddress } from 'node:dns';
import { describe, expect, it } from 'vitest';
import { ConfigError, ForbiddenError } from '../../../shared/platform/errors';
import {
  assertUrlAllowed,
  guardedLookup,
  isAddressAllowed,
  parseAllowList,
  type Resolver,
} from '../../../shared/platform/ssrf-guard';

describe('which addresses the fetcher may connect to', () => {
  it.each([
    ['93.184.216.34', true],
    ['2606:2800:220:1:248:1893:25c8:1946', true],
    ['127.0.0.1', false],
    ['10.1.2.3', false],
    ['172.16.0.9', false],
    ['192.168.1.1', false],
    ['100.64.0.1', false],
    ['169.254.169.254', false],
    ['0.0.0.0', false],
    ['::1', false],
    ['fe80::1', false],
    ['fd00:ec2::254', false],
    ['::ffff:169.254.169.254', false],
    ['64:ff9b::a00:1', false],
    ['224.0.0.1', false],
  ])('%s → %s', (address, allowed) => {
    expect(isAddressAllowed(address)).toBe(allowed);
  });

  it('lets the local-mode allow-list through, and nothing beside it', () => {
    const allowList = parseAllowList('127.0.0.1, 10.9.0.0/16');
    expect(isAddressAllowed('127.0.0.1', allowList)).toBe(true);
    expect(isAddressAllowed('10.9.4.4', allowList)).toBe(true);
    expect(isAddressAllowed('127.0.0.2', allowList)).toBe(false);
    expect(isAddressAllowed('10.8.0.1', allowList)).toBe(false);
  });

  it('names a malformed allow-list entry', () => {
    expect(() => parseAllowList('127.0.0.1, intranet')).toThrow(ConfigError);
    expect(() => parseAllowList('127.0.0.1, intranet')).toThrow(/"intranet"/);
  });

  it('refuses non-http schemes and IP-literal private hosts before any request', () => {
    expect(() => assertUrlAllowed(new URL('file:///etc/passwd'), [])).toThrow(ForbiddenError);
    expect(() => assertUrlAllowed(new URL('http://[fd00:ec2::254]/latest'), [])).toThrow(ForbiddenError);
    expect(() => assertUrlAllowed(new URL('http://169.254.169.254/latest/meta-data'), [])).toThrow(ForbiddenError);
  });
});

describe('the connect-time lookup', () => {
  const resolver =
    (answers: Record<string, string[]>): Resolver =>
    (hostname, _options, callback) =>
      callback(
        null,
        (answers[hostname] ?? []).map((address): LookupAddress => ({ address, family: address.includes(':') ? 6 : 4 })),
      );

  const lookup = (host: string, answers: Record<string, string[]>, all = false) =>
    new Promise<unknown>((resolve, reject) => {
      guardedLookup([], resolver(answers))(host, { all }, (error: Error | null, address: unknown) =>
        error ? reject(error) : resolve(address),
      );
    });

  it('passes a public answer through', async () => {
    await expect(lookup('news.example', { 'news.example': ['93.184.216.34'] })).resolves.toBe('93.184.216.34');
  });

  it('refuses a name that resolves to the metadata address (DNS rebinding)', async () => {
    await expect(lookup('rebind.example', { 'rebind.example': ['169.254.169.254'] })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('refuses a name when any one of its answers is private', async () => {
    await expect(
      lookup('mixed.example', { 'mixed.example': ['93.184.216.34', '10.0.0.5'] }, true),
    ).rejects.toThrow(/10\.0\.0\.5/);
  });
});
