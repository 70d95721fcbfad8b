/**
 * The action links' HTTP handler (API Gateway HTTP API, payload 2.0; the local runtime translates real
 * HTTP into the same events). GET shows a confirmation page, POST acts; refused links get a page
 * that says why (403 not valid / wrong action, 410 expired or used, 409 nothing left to do).
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { confirmPage, donePage, refusedPage } from '../shared/cases/action-pages';
import { performLink, viewLink, type ConfirmForm } from '../shared/cases/link-actions';
import { caseContext } from '../shared/platform/dynamo-case-wiring';
import { AppError, describeError, toHttpStatus } from '../shared/platform/errors';
import { logger } from '../shared/platform/logger';
import { METRIC } from '../shared/platform/metric-names';
import { publishCount } from '../shared/platform/metrics';

const MAX_FORM_BYTES = 16 * 1024;

const HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
};

const html = (statusCode: number, body: string): APIGatewayProxyStructuredResultV2 => ({ statusCode, headers: HEADERS, body });

const readForm = (event: APIGatewayProxyEventV2): URLSearchParams => {
  const raw = event.body ?? '';
  const body = event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
  if (Buffer.byteLength(body) > MAX_FORM_BYTES) return new URLSearchParams();
  return new URLSearchParams(body);
};

const field = (form: URLSearchParams, name: string): string | undefined => form.get(name) ?? undefined;

export const handler = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
  const method = event.requestContext.http.method.toUpperCase();
  const form = method === 'POST' ? readForm(event) : new URLSearchParams();
  const token = field(form, 't') ?? event.queryStringParameters?.t;
  if (method !== 'GET' && method !== 'POST') return html(405, refusedPage(405, 'Use the link from the email.'));
  if (!token) return html(403, refusedPage(403, 'This link is not valid: it has no token.'));
  try {
    const deps = await caseContext();
    if (method === 'GET') return html(200, confirmPage(await viewLink(deps, token), token));
    const confirm: ConfirmForm = {
      action: field(form, 'action'),
      step: field(form, 'step'),
      note: field(form, 'note'),
      name: field(form, 'name'),
    };
    const view = await performLink(deps, token, confirm);
    logger.info('case action from link', {
      caseId: view.stored.case.id,
      schoolId: view.stored.case.schoolId,
      action: view.claims.action,
      status: view.stored.case.status,
    });
    const answered = view.stored.case;
    if (answered.slaOutcome === 'met' && answered.firstResponseAt === answered.updatedAt) publishCount(METRIC.slaMet, 1);
    return html(200, donePage(view));
  } catch (error) {
    const status = toHttpStatus(error);
    if (error instanceof AppError && status < 500) {
      logger.warn('action link refused', { status, reason: error.name });
      return html(status, refusedPage(status, error.message));
    }
    logger.error('action link failed', { error: describeError(error) });
    return html(500, refusedPage(500, 'The action could not be completed.'));
  }
};
