import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

describe('the labelled data', () => {
  it('every line parses, uses only the ten categories and a known school, with no duplicate or near-duplicate texts', () => {
    const script = path.resolve(__dirname, '../../../data/labelled/validate.mjs');
    const result = spawnSync(process.execPath, [script], { encoding: 'utf8' });
    expect(result.stderr).toContain('ok: all lines valid');
    expect(result.status).toBe(0);
  });
});
