/**
 * Link identity: the same article reached through two sources (a Google Alert and a news feed, say)
 * must become one mention. The WHATWG URL class does the parsing (it already lower-cases the host,
 * drops default ports and resolves dot segments); here we drop the fragment and the tracking
 * parameters, and sort what is left of the query.
 */

const TRACKING_PARAMS = new Set([
  'fbclid',
  'gclid',
  'dclid',
  'gbraid',
  'wbraid',
  'msclkid',
  'yclid',
  'twclid',
  'igshid',
  'mc_cid',
  'mc_eid',
  'ref',
  'ref_src',
  'ref_url',
  'referrer',
  'source',
  'spm',
  'cmpid',
  '_ga',
  '_gl',
  'oly_enc_id',
  'oly_anon_id',
  'vero_id',
  'wt.mc_id',
  'si',
  's_cid',
  'ncid',
  'ocid',
  'sr_share',
]);

const isTracking = (name: string): boolean => {
  const key = name.toLowerCase();
  return key.startsWith('utm_') || key.startsWith('__twitter_impression') || TRACKING_PARAMS.has(key);
};

/** Resolves `link` against `base` (feed or item base); undefined when it is not an http(s) URL. */
export const resolveLink = (link: string | undefined, base?: string): string | undefined => {
  const trimmed = link?.trim();
  if (!trimmed) return undefined;
  try {
    const url = base ? new URL(trimmed, base) : new URL(trimmed);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
};

/** The identity of a link: lower-case host, no fragment, no tracking parameters, sorted query. */
export const normaliseUrl = (link: string): string | undefined => {
  let url: URL;
  try {
    url = new URL(link.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  url.hash = '';
  url.username = '';
  url.password = '';
  for (const name of [...url.searchParams.keys()]) {
    if (isTracking(name)) url.searchParams.delete(name);
  }
  url.searchParams.sort();
  if (url.hostname.endsWith('.')) url.hostname = url.hostname.slice(0, -1);
  return url.href;
};
