/** node:http servers on 127.0.0.1 for the ingestion tests, and a fetcher allowed to reach them. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { NodeHttpFetcher, type HttpFetcherOptions } from '../../../shared/platform/http-fetcher';
import { parseAllowList } from '../../../shared/platform/ssrf-guard';

export interface LocalServer {
  url: string;
  /** Requests seen, in order. */
  requests: http.IncomingMessage[];
  close(): Promise<void>;
}

export const startServer = async (handler: http.RequestListener): Promise<LocalServer> => {
  const requests: http.IncomingMessage[] = [];
  const server = http.createServer((request, response) => {
    requests.push(request);
    handler(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};

export const json = (response: http.ServerResponse, status: number, body: unknown, headers: http.OutgoingHttpHeaders = {}): void => {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
};

/** Small limits so timeouts and caps are hit quickly. */
export const testFetcher = (overrides: Partial<HttpFetcherOptions> = {}): NodeHttpFetcher =>
  new NodeHttpFetcher({
    allowList: parseAllowList('127.0.0.1'),
    connectTimeoutMs: 1_000,
    totalTimeoutMs: 1_000,
    maxBytes: 256 * 1024,
    maxRedirects: 3,
    ...overrides,
  });
