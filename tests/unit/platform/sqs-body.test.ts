import { describe, expect, it } from 'vitest';
import { toSqsBody } from '../../../shared/platform/sqs-queue';

const SQS_ALLOWED = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD]*$/;

describe('toSqsBody', () => {
  it('writes emoji, lone surrogates and U+FFFE as escapes that SQS accepts and JSON reads back unchanged', () => {
    const message = { text: 'waiting at the gates 🔪🔫💣 \uFFFE \uD800 end', author: 'Zoë' };
    const body = toSqsBody(message);
    expect(body).toMatch(SQS_ALLOWED);
    expect(body).toContain('\\ud83d\\udd2a');
    expect(JSON.parse(body)).toEqual(message);
  });

  it('leaves ordinary text, accents and right-to-left marks as they are', () => {
    const message = { text: 'Café \u202Eevil\u202C — “quotes”' };
    expect(toSqsBody(message)).toBe(JSON.stringify(message));
  });
});
