/** The connector for each kind of source. */
import type { SourceKind } from '../../domain/model';
import type { Connector } from '../ports';
import { facebookConnector } from './facebook';
import { feedConnector } from './feed';
import { instagramConnector } from './instagram';
import { xConnector } from './x';
import { youtubeConnector } from './youtube';

export const CONNECTORS: Record<SourceKind, Connector> = {
  feed: feedConnector,
  facebook_page: facebookConnector,
  instagram_account: instagramConnector,
  youtube_channel: youtubeConnector,
  x_account: xConnector,
};
