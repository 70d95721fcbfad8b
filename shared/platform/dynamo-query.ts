import { QueryCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';

/** Upper bound on pages read by one listing: every loop is bounded (1 MB a page). */
export const MAX_QUERY_PAGES = 100;

/**
 * Every item a Query returns, following LastEvaluatedKey for at most `maxPages` pages. The one place
 * that pages through DynamoDB results, so repositories only say what they ask for.
 */
export const queryAll = async (
  db: DynamoDBDocumentClient,
  input: Omit<QueryCommandInput, 'ExclusiveStartKey'>,
  maxPages = MAX_QUERY_PAGES,
): Promise<Record<string, unknown>[]> => {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  for (let page = 0; page < maxPages; page++) {
    const result = await db.send(new QueryCommand({ ...input, ExclusiveStartKey: startKey }));
    items.push(...(result.Items ?? []));
    startKey = result.LastEvaluatedKey;
    if (!startKey) break;
  }
  return items;
};
