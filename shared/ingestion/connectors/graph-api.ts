/**
 * Meta Graph API plumbing shared by the Facebook Page and Instagram connectors: GET with a bearer
 * token, error objects to named errors (throttling codes → UpstreamError with a retry time), cursor
 * pagination through `paging.cursors.after` (bounded), never following the `paging.next` URL the API
 * hands back (it carries the token and could point anywhere).
 */
import * as z from 'zod';
import { ForbiddenError, UpstreamError } from '../../platform/errors';
import type { HttpClient } from '../ports';
import { assertSuccess, bearer, parseJsonBody, retryAfterSeconds, validateBody } from '../responses';
import { redactText } from '../redact';

/** Application, user, page and business-use-case rate limits (Graph API "Rate Limiting"). */
const THROTTLING_CODES = new Set([4, 17, 32, 613, 80001, 80002, 80003, 80004, 80005, 80006, 80008, 80009, 80014]);
const TOKEN_CODES = new Set([102, 190]);
const PERMISSION_CODES = new Set([10, 200, 210, 230]);
const DEFAULT_THROTTLE_SECONDS = 15 * 60;

export const MAX_GRAPH_PAGES = 3;

const GraphErrorSchema = z.object({
  error: z.object({
    message: z.string().default('(no message)'),
    type: z.string().optional(),
    code: z.number().optional(),
    error_subcode: z.number().optional(),
  }),
});

export const PagingSchema = z
  .object({
    cursors: z.object({ after: z.string().optional() }).optional(),
    next: z.string().optional(),
  })
  .optional();

/** Minutes until access is regained, from X-Business-Use-Case-Usage / X-App-Usage headers. */
const regainSeconds = (headers: Record<string, string | undefined>): number | undefined => {
  for (const name of ['x-business-use-case-usage', 'x-app-usage', 'x-page-usage', 'x-ad-account-usage']) {
    const match = /"estimated_time_to_regain_access"\s*:\s*(\d+)/.exec(headers[name] ?? '');
    if (match && Number(match[1]) > 0) return Number(match[1]) * 60;
  }
  return undefined;
};

const tryJson = (body: Buffer): unknown => {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
};

export interface GraphContext {
  http: HttpClient;
  token: string | undefined;
  now: Date;
  platform: 'Facebook' | 'Instagram';
}

export const graphGet = async <T>(
  context: GraphContext,
  url: string,
  schema: z.ZodType<T>,
): Promise<T> => {
  const response = await context.http.get({ url, headers: bearer(context.token, context.platform) });
  const what = `${context.platform} Graph API`;
  const errorBody = GraphErrorSchema.safeParse(response.status >= 400 ? tryJson(response.body) : undefined);
  if (errorBody.success) {
    const { code, message, error_subcode: subcode } = errorBody.data.error;
    const detail = `${what} error ${code ?? '?'}${subcode ? `/${subcode}` : ''}: ${redactText(message).slice(0, 200)}`;
    if (code !== undefined && THROTTLING_CODES.has(code)) {
      throw new UpstreamError(
        `${detail} (throttled)`,
        retryAfterSeconds(response.headers, context.now) ?? regainSeconds(response.headers) ?? DEFAULT_THROTTLE_SECONDS,
      );
    }
    if (code !== undefined && (TOKEN_CODES.has(code) || PERMISSION_CODES.has(code))) throw new ForbiddenError(detail);
    if (response.status >= 500 || code === 1 || code === 2) throw new UpstreamError(detail);
  }
  assertSuccess(response, what, context.now);
  return validateBody(schema, parseJsonBody(response, what), what);
};

/** Fetches up to MAX_GRAPH_PAGES pages of an edge; `stop` ends early (e.g. older than the cursor). */
export const graphPages = async <T>(
  context: GraphContext,
  firstUrl: string,
  schema: z.ZodType<{ data: T[]; paging?: z.infer<typeof PagingSchema> }>,
  stop: (page: T[]) => boolean,
): Promise<{ items: T[]; requests: number }> => {
  const items: T[] = [];
  let url: string | undefined = firstUrl;
  let requests = 0;
  while (url && requests < MAX_GRAPH_PAGES) {
    const page = await graphGet(context, url, schema);
    requests += 1;
    items.push(...page.data);
    const after = page.paging?.cursors?.after;
    if (!page.paging?.next || !after || page.data.length === 0 || stop(page.data)) break;
    const next = new URL(firstUrl);
    next.searchParams.set('after', after);
    url = next.href;
  }
  return { items, requests };
};
