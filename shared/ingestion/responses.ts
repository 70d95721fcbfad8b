/**
 * HTTP statuses and API bodies to named errors, in one place for feeds and all four connectors:
 * 429 and 5xx are UpstreamError (retry later, with Retry-After when the server gave one), 401/403
 * ForbiddenError (token or permission), other 4xx ValidationError. Response bodies are validated with
 * zod: unknown extra fields are ignored, a missing required field is a ValidationError naming it.
 */
import * as z from 'zod';
import { ForbiddenError, NotFoundError, UpstreamError, ValidationError } from '../platform/errors';
import type { HttpResponse } from './ports';
import { redactText, redactUrl } from './redact';

/** Retry-After as seconds (delta-seconds or an HTTP date), or X's epoch-seconds reset header. */
export const retryAfterSeconds = (headers: HttpResponse['headers'], now: Date): number | undefined => {
  const retryAfter = headers['retry-after']?.trim();
  if (retryAfter) {
    if (/^\d+$/.test(retryAfter)) return Number(retryAfter);
    const at = Date.parse(retryAfter);
    if (!Number.isNaN(at)) return Math.max(0, Math.ceil((at - now.getTime()) / 1000));
  }
  const reset = headers['x-rate-limit-reset']?.trim();
  if (reset && /^\d+$/.test(reset)) return Math.max(0, Number(reset) - Math.floor(now.getTime() / 1000));
  return undefined;
};

const bodySnippet = (response: HttpResponse): string =>
  redactText(response.body.subarray(0, 300).toString('utf8').replace(/\s+/g, ' ').trim());

/** Throws the named error for a non-2xx response (304 is the caller's business). */
export const assertSuccess = (response: HttpResponse, what: string, now: Date): void => {
  const { status } = response;
  if (status >= 200 && status < 300) return;
  const where = `${what} (${redactUrl(response.url)})`;
  if (status === 429) {
    throw new UpstreamError(`${where} is rate limiting us (HTTP 429)`, retryAfterSeconds(response.headers, now));
  }
  if (status >= 500) {
    throw new UpstreamError(`${where} failed with HTTP ${status}`, retryAfterSeconds(response.headers, now));
  }
  if (status === 401 || status === 403) throw new ForbiddenError(`${where} refused access (HTTP ${status}): ${bodySnippet(response)}`);
  if (status === 404 || status === 410) throw new NotFoundError(`${where} was not found (HTTP ${status})`);
  throw new ValidationError(`${where} answered HTTP ${status}: ${bodySnippet(response)}`);
};

export const parseJsonBody = (response: HttpResponse, what: string): unknown => {
  try {
    return JSON.parse(response.body.toString('utf8'));
  } catch {
    throw new ValidationError(`${what} did not answer JSON (HTTP ${response.status}): ${bodySnippet(response)}`);
  }
};

/** Validates an API body; the error names the platform and the missing or malformed fields. */
export const validateBody = <T>(schema: z.ZodType<T>, body: unknown, what: string): T => {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new ValidationError(`${what} answered an unexpected shape: ${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
};

/** "2021-08-10T18:45:03+0000" (Graph API) and other offsets to an ISO instant. */
export const isoInstant = (value: string, what: string): string => {
  const normalised = value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const time = Date.parse(normalised);
  if (Number.isNaN(time)) throw new ValidationError(`${what} has an unreadable time "${value.slice(0, 40)}"`);
  return new Date(time).toISOString();
};

export const bearer = (token: string | undefined, platform: string): Record<string, string> => {
  if (!token) throw new ValidationError(`The ${platform} source has no API token configured (tokenRef).`);
  return { authorization: `Bearer ${token}`, accept: 'application/json' };
};

export const requireAccountId = (accountId: string | undefined, platform: string): string => {
  if (!accountId) throw new ValidationError(`The ${platform} source has no accountId.`);
  return encodeURIComponent(accountId);
};

/** The API base from Source.url, without a trailing slash. */
export const apiBase = (url: string | undefined, platform: string): string => {
  if (!url) throw new ValidationError(`The ${platform} source has no API base URL.`);
  return url.replace(/\/+$/, '');
};
