/**
 * API tokens for official-account connectors. The platform-tokens secret is a JSON object keyed by
 * Source.tokenRef; the token itself never appears in an error or a log line.
 */
import * as z from 'zod';
import { ConfigError } from '../platform/errors';

const TokensSchema = z.record(z.string(), z.string().min(1));

export interface TokenSource {
  tokenFor(tokenRef: string): Promise<string>;
}

export const tokenSource = (readSecret: () => Promise<string>): TokenSource => ({
  async tokenFor(tokenRef) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(await readSecret());
    } catch (error) {
      if (error instanceof ConfigError) throw error;
      throw new ConfigError('The platform-tokens secret is not a JSON object.');
    }
    const tokens = TokensSchema.safeParse(parsed);
    if (!tokens.success) throw new ConfigError('The platform-tokens secret must map each tokenRef to a token string.');
    const token = tokens.data[tokenRef];
    if (!token) throw new ConfigError(`The platform-tokens secret has no entry "${tokenRef}".`);
    return token;
  },
});
