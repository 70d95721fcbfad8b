/**
 * Serves the demo school's sample feeds and official-account API responses on 127.0.0.1, the way a
 * real server would: ETag and Last-Modified, 304 on a conditional GET, a content type per route.
 * Placeholders like {{iso:-90m}} and {{rfc822:-2h}} are filled in once at start-up, relative to
 * then, so the demo's items are always recent and their response deadlines lie ahead.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export interface FixtureRoute {
  /** Matched against the request's pathname. */
  path: string | RegExp;
  /** File under the fixture root. */
  file: string;
  contentType: string;
}

export interface FixtureServer {
  baseUrl: string;
  /** Requests seen, by pathname, with their status: for tests and the start-up timeline. */
  requests: { path: string; status: number }[];
  stop(): Promise<void>;
}

const UNITS_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export const renderPlaceholders = (text: string, now: Date): string =>
  text.replace(/\{\{(iso|rfc822|unix):(-?\d+)([smhd])\}\}/g, (_all, format: string, amount: string, unit: string) => {
    const at = new Date(now.getTime() + Number(amount) * UNITS_MS[unit]!);
    if (format === 'iso') return at.toISOString().replace(/\.\d{3}Z$/, '+00:00');
    if (format === 'unix') return String(Math.floor(at.getTime() / 1000));
    return at.toUTCString().replace('GMT', '+0000');
  });

export const startFixtureServer = async (
  root: string,
  routes: readonly FixtureRoute[],
  now: Date = new Date(),
): Promise<FixtureServer> => {
  const lastModified = new Date(Math.floor(now.getTime() / 1000) * 1000).toUTCString();
  const bodies = new Map<FixtureRoute, { body: Buffer; etag: string }>();
  for (const route of routes) {
    const body = Buffer.from(renderPlaceholders(readFileSync(path.join(root, route.file), 'utf8'), now));
    bodies.set(route, { body, etag: `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"` });
  }
  const requests: FixtureServer['requests'] = [];
  const server: Server = createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const route = routes.find((r) => (typeof r.path === 'string' ? r.path === pathname : r.path.test(pathname)));
    const served = route && bodies.get(route);
    if (!route || !served) {
      requests.push({ path: pathname, status: 404 });
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const notModified =
      req.headers['if-none-match'] === served.etag ||
      (!req.headers['if-none-match'] && req.headers['if-modified-since'] === lastModified);
    const status = notModified ? 304 : 200;
    requests.push({ path: pathname, status });
    res.writeHead(status, {
      'content-type': route.contentType,
      etag: served.etag,
      'last-modified': lastModified,
      ...(notModified ? {} : { 'content-length': served.body.length }),
    });
    res.end(notModified ? undefined : served.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
