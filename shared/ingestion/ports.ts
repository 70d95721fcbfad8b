/**
 * Ports of the ingestion context. The domain talks to these; the adapters live in shared/platform
 * (http-fetcher.ts, dynamo-source-repository.ts, dynamo-mention-store.ts) or are fakes in unit tests.
 */
import type { Mention, School, Source } from '../domain/model';

export interface HttpRequest {
  url: string;
  headers?: Record<string, string>;
}

export interface HttpResponse {
  status: number;
  /** Lower-case header names. */
  headers: Record<string, string | undefined>;
  /** The decompressed body (empty for 304). */
  body: Buffer;
  /** The URL that answered, after redirects. */
  url: string;
  /** Bytes received on the wire (before decompression), for the benchmark. */
  wireBytes: number;
}

/**
 * GET over HTTP(S) with the safety rules built in (SSRF guard, timeouts, redirect limit, body cap,
 * decompression). Answers every HTTP status (304, 429, 500 …) as a response; throws only when there is
 * no usable response: ForbiddenError (address refused), UpstreamError (timeout, connection failure,
 * too many redirects), ValidationError (body over the cap).
 */
export interface HttpClient {
  get(request: HttpRequest): Promise<HttpResponse>;
}

/** One item read from a source, before it becomes a Mention. */
export interface SourceItem {
  /** The item's id in its source (feed guid or link, comment id, tweet id). */
  externalId: string;
  /** Link shown to people. */
  url?: string;
  /**
   * True when `url` identifies this item alone, so the same link through two sources is one mention.
   * False for a comment whose only link is its parent post (the id then comes from platform + id).
   */
  urlIdentifiesItem: boolean;
  title?: string;
  /** Plain text, HTML already stripped. */
  text: string;
  author?: string;
  /** Platform id of the author (page id, channel id, user id) for recognising the school's own posts. */
  authorId?: string;
  publishedAt: string;
}

export interface PollResult {
  /** True when the source answered "nothing changed" (HTTP 304): no items, nothing parsed. */
  unchanged: boolean;
  items: SourceItem[];
  /** New since-cursor, ETag and Last-Modified to store on the source (undefined = keep the old one). */
  cursor?: string;
  etag?: string;
  lastModified?: string;
  /** HTTP requests this poll made. */
  requests: number;
}

export interface PollContext {
  http: HttpClient;
  /** The source's API token (official-account connectors only). */
  token?: string;
  now: Date;
}

/** Reads one source: a public feed or an official account through its platform's API. */
export interface Connector {
  poll(source: Source, context: PollContext): Promise<PollResult>;
}

/** A source with the bookkeeping the poller needs beside the Source fields. */
export interface LoadedSource {
  source: Source;
  /** scheduledFor of the last poll request that completed; a request at or before it is stale. */
  lastCompletedFor?: string;
}

export interface DueSource {
  schoolId: string;
  sourceId: string;
  nextPollAt: string;
  pollIntervalMinutes: number;
}

/** What the poller writes back after a poll (success or failure). */
export interface SourcePollUpdate {
  nextPollAt: string;
  health: Source['health'];
  cursor?: string;
  etag?: string;
  lastModified?: string;
  completedFor: string;
}

export interface SourceRepository {
  /** Sources whose nextPollAt is at or before `now`, oldest first, at most `limit`. */
  listDue(now: Date, limit: number): Promise<DueSource[]>;
  /**
   * Moves nextPollAt from `seenNextPollAt` to `nextPollAt` only if it still is `seenNextPollAt`
   * (false: another scheduler run got there first).
   */
  claimDue(due: DueSource, nextPollAt: string): Promise<boolean>;
  load(schoolId: string, sourceId: string): Promise<LoadedSource | undefined>;
  loadSchool(schoolId: string): Promise<School | undefined>;
  recordPoll(schoolId: string, sourceId: string, update: SourcePollUpdate): Promise<void>;
}

export type StoreOutcome = 'created' | 'stored-not-queued' | 'already-queued';

export interface MentionStore {
  /** Which of these external-id hashes this source has already processed. */
  seenAmong(schoolId: string, sourceId: string, externalIdHashes: readonly string[]): Promise<Set<string>>;
  /** Conditional put: 'created' the first time; otherwise whether the existing mention was queued. */
  store(mention: Mention): Promise<StoreOutcome>;
  markQueued(schoolId: string, mentionId: string, at: Date): Promise<void>;
  markSeen(schoolId: string, sourceId: string, externalIdHash: string, mentionId: string, at: Date): Promise<void>;
}
