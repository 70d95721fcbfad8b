import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  emulatorEnvironment,
  provisionResources,
  startEmulators,
  type Emulators,
  type Provisioned,
} from '../../../infra/local/emulators';

const root = path.resolve(__dirname, '../../..');
const demoSchool = path.join(root, 'infra/local/demo/northbrook-academy.json');

describe('npm run admin (real SDK against dynalite)', () => {
  let emulators: Emulators;
  let provisioned: Provisioned;
  // Asynchronous on purpose: the emulators run in this process, so a blocking spawn would deadlock.
  const admin = (...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> =>
    new Promise((resolve) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', 'scripts/admin.ts', ...args],
        { cwd: root, encoding: 'utf8', env: { ...process.env, ...emulatorEnvironment(emulators), ...provisioned.env } },
        (error, stdout, stderr) => resolve({ status: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
    });

  beforeAll(async () => {
    emulators = await startEmulators();
    provisioned = await provisionResources(emulators);
  });
  afterAll(async () => {
    await emulators.stop();
  });

  it('saves a school, adds a source to it, lists it as due, and removes it', async () => {
    expect((await admin('school', 'put', demoSchool)).stdout).toContain('saved Northbrook Academy (northbrook-academy)');
    const added = await admin('source', 'add', '--school', 'northbrook-academy', '--kind', 'feed', '--label', 'Local News', '--url', 'https://news.example/feed.rss', '--every', '15');
    expect(added.status).toBe(0);
    expect(added.stdout).toContain('added local-news (feed, every 15 min)');
    const listed = await admin('source', 'list', '--school', 'northbrook-academy');
    expect(listed.stdout).toMatch(/^local-news\tfeed\tpublic\tevery 15 min\tdue now\thealthy/m);
    expect((await admin('source', 'remove', 'local-news', '--school', 'northbrook-academy')).status).toBe(0);
    expect((await admin('source', 'list', '--school', 'northbrook-academy')).stdout).not.toContain('local-news');
  });

  it('refuses a bad school file, naming every problem, without a stack trace', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'admin-'));
    const file = path.join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ id: 'Bad School', name: 'X', contacts: [{ name: 'A', email: 'not-an-email', roles: ['head'] }] }));
    const result = await admin('school', 'put', file);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('at id');
    expect(result.stderr).toContain('contacts[0].email');
    expect(result.stderr).toContain('contacts[0].roles[0]');
    expect(result.stderr).not.toMatch(/\n\s+at .*\.ts:\d+/);
  });

  it('refuses a source with a non-http address and a school that does not exist', async () => {
    const bad = await admin('source', 'add', '--school', 'northbrook-academy', '--kind', 'feed', '--label', 'x', '--url', 'file:///etc/passwd');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^error: Invalid source/);
    const missing = await admin('source', 'add', '--school', 'nowhere', '--kind', 'feed', '--label', 'x', '--url', 'https://a.example/');
    expect(missing.stderr).toContain('No school with id "nowhere"');
  });
});
