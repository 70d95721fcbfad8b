/**
 * Our own HTTP client (node:http/https) for feeds and platform APIs: SSRF guard at connect time,
 * connect and total timeouts, at most N redirects (the Authorization header is dropped when a redirect
 * leaves the origin), a cap on bytes both on the wire and after decompression (gzip, deflate, br),
 * keep-alive agents. Every HTTP status comes back as a response; see HttpClient for what throws.
 */
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { HttpClient, HttpRequest, HttpResponse } from '../ingestion/ports';
import { redactUrl } from '../ingestion/redact';
import { AppError, UpstreamError, ValidationError } from './errors';
import { assertUrlAllowed, guardedLookup, parseAllowList, type AllowList, type Resolver } from './ssrf-guard';
import { SETTINGS_ENV } from './resources';

export class ResponseTooLargeError extends ValidationError {}

export interface HttpFetcherOptions {
  maxBytes: number;
  connectTimeoutMs: number;
  totalTimeoutMs: number;
  maxRedirects: number;
  allowList: AllowList;
  userAgent: string;
  /** Tests inject a resolver to play DNS rebinding; production uses the system resolver. */
  resolver?: Resolver;
}

export const DEFAULT_FETCH_OPTIONS: Omit<HttpFetcherOptions, 'allowList'> = {
  maxBytes: 5 * 1024 * 1024,
  connectTimeoutMs: 5_000,
  totalTimeoutMs: 20_000,
  maxRedirects: 3,
  userAgent: 'SchoolMentionMonitor/0.1 (feed poller)',
};

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

const decompressors: Record<string, (body: Buffer, options: zlib.ZlibOptions) => Promise<Buffer>> = {
  gzip: promisify(zlib.gunzip),
  'x-gzip': promisify(zlib.gunzip),
  // "deflate" is meant to be zlib-wrapped, but many servers send raw deflate: the header byte tells.
  deflate: (body, options) =>
    body[0] === 0x78 ? promisify(zlib.inflate)(body, options) : promisify(zlib.inflateRaw)(body, options),
  br: (body, options) => promisify(zlib.brotliDecompress)(body, options as zlib.BrotliOptions),
};

const headerValue = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value.join(', ') : value;

export class NodeHttpFetcher implements HttpClient {
  private readonly options: HttpFetcherOptions;
  private readonly lookup: LookupFunction;
  private readonly agents: { http: http.Agent; https: https.Agent };

  constructor(options: Partial<HttpFetcherOptions> = {}) {
    this.options = { ...DEFAULT_FETCH_OPTIONS, allowList: [], ...options };
    this.lookup = guardedLookup(this.options.allowList, this.options.resolver);
    this.agents = {
      http: new http.Agent({ keepAlive: true, maxSockets: 32 }),
      https: new https.Agent({ keepAlive: true, maxSockets: 32 }),
    };
  }

  /** Options from the environment: FETCH_ALLOW_LIST (local mode only). */
  static fromEnv(env: NodeJS.ProcessEnv = process.env, overrides: Partial<HttpFetcherOptions> = {}): NodeHttpFetcher {
    return new NodeHttpFetcher({ allowList: parseAllowList(env[SETTINGS_ENV.fetchAllowList]), ...overrides });
  }

  destroy(): void {
    this.agents.http.destroy();
    this.agents.https.destroy();
  }

  async get(request: HttpRequest): Promise<HttpResponse> {
    const deadline = Date.now() + this.options.totalTimeoutMs;
    let url = this.parse(request.url);
    let headers = { ...request.headers };
    for (let hop = 0; ; hop += 1) {
      assertUrlAllowed(url, this.options.allowList);
      const response = await this.once(url, headers, deadline);
      const location = response.headers.location;
      if (!REDIRECTS.has(response.status) || !location) return response;
      if (hop >= this.options.maxRedirects) {
        throw new UpstreamError(`More than ${this.options.maxRedirects} redirects from ${redactUrl(request.url)}`);
      }
      const next = this.parse(location, url);
      if (next.origin !== url.origin) {
        const { authorization: _dropped, Authorization: _alsoDropped, ...rest } = headers;
        headers = rest;
      }
      url = next;
    }
  }

  private parse(link: string, base?: URL): URL {
    try {
      return new URL(link, base);
    } catch {
      throw new ValidationError(`Not a URL: "${redactUrl(link).slice(0, 200)}"`);
    }
  }

  private once(url: URL, headers: Record<string, string>, deadline: number): Promise<HttpResponse> {
    const { maxBytes, connectTimeoutMs, userAgent } = this.options;
    const where = redactUrl(url.href);
    return new Promise<HttpResponse>((resolve, reject) => {
      const secure = url.protocol === 'https:';
      const request = (secure ? https : http).request(url, {
        method: 'GET',
        agent: secure ? this.agents.https : this.agents.http,
        lookup: this.lookup,
        headers: { 'user-agent': userAgent, 'accept-encoding': 'gzip, deflate, br', ...headers },
      });
      const fail = (error: AppError): void => {
        request.destroy(error);
      };
      const totalTimer = setTimeout(
        () => fail(new UpstreamError(`No complete response from ${where} within ${this.options.totalTimeoutMs} ms`)),
        Math.max(0, deadline - Date.now()),
      );
      let connectTimer: NodeJS.Timeout | undefined;
      request.on('socket', (socket) => {
        if (!socket.connecting) return;
        connectTimer = setTimeout(
          () => fail(new UpstreamError(`Could not connect to ${url.host} within ${connectTimeoutMs} ms`)),
          connectTimeoutMs,
        );
        socket.once('connect', () => clearTimeout(connectTimer));
      });
      const done = (): void => {
        clearTimeout(totalTimer);
        clearTimeout(connectTimer);
      };
      request.on('error', (error) => {
        done();
        if (error instanceof AppError) return reject(error);
        const code = (error as NodeJS.ErrnoException).code ?? error.name;
        reject(new UpstreamError(`Request to ${where} failed (${code})`, undefined, { cause: error }));
      });
      request.on('response', (response) => {
        const status = response.statusCode ?? 0;
        const declared = Number(response.headers['content-length']);
        if (Number.isFinite(declared) && declared > maxBytes) {
          return fail(new ResponseTooLargeError(`Response from ${where} declares ${declared} bytes, over the ${maxBytes}-byte cap`));
        }
        const chunks: Buffer[] = [];
        let wireBytes = 0;
        response.on('data', (chunk: Buffer) => {
          wireBytes += chunk.length;
          if (wireBytes > maxBytes) {
            fail(new ResponseTooLargeError(`Response from ${where} exceeds the ${maxBytes}-byte cap`));
            return;
          }
          chunks.push(chunk);
        });
        response.on('error', (error) => request.destroy(error));
        response.on('end', () => {
          done();
          const headersOut: Record<string, string | undefined> = {};
          for (const [name, value] of Object.entries(response.headers)) headersOut[name] = headerValue(value);
          this.decode(Buffer.concat(chunks), headersOut['content-encoding'], where)
            .then((body) => resolve({ status, headers: headersOut, body, url: url.href, wireBytes }))
            .catch(reject);
        });
      });
      request.end();
    });
  }

  private async decode(body: Buffer, encoding: string | undefined, where: string): Promise<Buffer> {
    const name = encoding?.trim().toLowerCase();
    if (!name || name === 'identity' || body.length === 0) return body;
    const decompress = decompressors[name];
    if (!decompress) throw new ValidationError(`Response from ${where} uses an unsupported content-encoding "${name}"`);
    try {
      return await decompress(body, { maxOutputLength: this.options.maxBytes });
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
        throw new ResponseTooLargeError(`Response from ${where} unpacks to more than ${this.options.maxBytes} bytes`);
      }
      throw new UpstreamError(`Response from ${where} is not valid ${name}`, undefined, { cause });
    }
  }
}
