/**
 * Watches the local system the way a person would — the table, the mailbox, the fixture server's
 * request log — and reports what is new: sources polled, mentions and their flags, cases and their
 * due times, emails sent. Used by `npm start` for its timeline and by `--once` for its counts.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
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

  constructor(
    private readonly emulators: Emulators,
    private readonly tableName: string,
  ) {
    this.db = localDocumentClient(emulators);  }

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
    return items.map((item) => {
      const mention = (item.mention ?? item) as Record<string, unknown>;
      const classification = item.classification as
        | { flagged?: boolean; categories?: string[]; severity?: string | null }
        | undefined;
      return {
        id: String(mention.id ?? item.pk),
        platform: String(mention.platform ?? ''),
        text: String(mention.text ?? ''),
        official: Boolean(mention.isOfficialAccountComment),
        flagged: classification?.flagged,
        categories: classification?.categories ?? [],
        severity: classification?.severity,
      };
    });
  }

  async cases(schoolId: string): Promise<CaseView[]> {
    const items = [
      ...(await this.queryIndex(keys.openCasesOf(schoolId))),
      ...(await this.queryIndex(keys.closedCasesOf(schoolId))),
    ];
    return items.map((item) => {
      const stored = (item.case ?? item) as Record<string, unknown>;
      return {
        id: String(stored.id ?? item.pk),
        status: String(stored.status ?? ''),
        dueAt: String(stored.dueAt ?? ''),
        severity: (stored.severity as string | null | undefined) ?? null,
        categories: (stored.categories as string[] | undefined) ?? [],
      };
    });
  }

  close(): void {
    this.db.destroy();
  }
}
