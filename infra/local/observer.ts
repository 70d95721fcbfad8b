/**
 * Watches the local system the way a person would — the table, the mailbox, the fixture server's
 * request log — and reports what is new: sources polled, mentions and their flags, cases and their
 * due times, emails sent. Used by `npm start` for its timeline and by `--once` for its counts.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Classification } from '../../shared/domain/model';
import { DynamoCaseRepository } from '../../shared/platform/dynamo-case-repository';
import { queryAll } from '../../shared/platform/dynamo-query';
import { isExpired, keys } from '../../shared/platform/keys';
import { localDocumentClient, type Emulators } from './emulators';

export interface StoredEmail {
  messageId: string;
  from: string;
  destination: { to: string[]; cc?: string[] };
  subject: string;
  body: { text?: string; html?: string };
  at: number;
}

export interface MentionView {
  id: string;
  platform: string;
  text: string;
  official: boolean;
  flagged?: boolean;
  categories: string[];
  severity?: string | null;
}

export interface CaseView {
  id: string;
  status: string;
  dueAt: string;
  severity?: string | null;
  categories: string[];
}

export class Observer {
  private readonly db: DynamoDBDocumentClient;
  private readonly caseRepository: DynamoCaseRepository;

  constructor(
    private readonly emulators: Emulators,
    private readonly tableName: string,
  ) {
    this.db = localDocumentClient(emulators);
    this.caseRepository = new DynamoCaseRepository(this.db, tableName);  }

  async emails(): Promise<StoredEmail[]> {
    const response = await fetch(`${this.emulators.sesEndpoint}/store`);
    if (!response.ok) throw new Error(`mailbox answered ${response.status}`);
    const store = (await response.json()) as { emails: StoredEmail[] };
    return store.emails;
  }

  private queryIndex(partition: string): Promise<Record<string, unknown>[]> {
    return queryAll(this.db, {
      TableName: this.tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :p',
      ExpressionAttributeValues: { ':p': partition },
    });
  }

  async mentions(schoolId: string): Promise<MentionView[]> {
    const now = new Date();
    const items = (await this.queryIndex(keys.mentionsOfSchool(schoolId))).filter((item) => !isExpired(item, now));
    // Mention items hold the Mention's fields at the top level, plus the classification once classified.
    return items.map((item) => {
      const classification = item.classification as Classification | undefined;
      return {
        id: String(item.id),
        platform: String(item.platform),
        text: String(item.text),
        official: Boolean(item.isOfficialAccountComment),
        flagged: classification?.flagged,
        categories: classification?.categories ?? [],
        severity: classification?.severity,
      };
    });
  }

  /** Every case of the school, open and closed, read through the same repository the handlers use. */
  async cases(schoolId: string): Promise<CaseView[]> {
    const stored = [...(await this.caseRepository.listOpen(schoolId)), ...(await this.caseRepository.listClosedSince(schoolId, new Date(0)))];
    return stored.map(({ case: c }) => ({ id: c.id, status: c.status, dueAt: c.dueAt, severity: c.severity, categories: c.categories }));
  }

  close(): void {
    this.db.destroy();
  }
}
