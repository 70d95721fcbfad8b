/**
 * Mentions normally arrive as plain text (ingestion strips HTML), but comments copied from web pages
 * still carry the odd tag or entity. This is a defensive pass, not an HTML parser: tags become spaces,
 * the common named entities and all numeric ones are decoded.
 */
const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  rsquo: '’',
  lsquo: '‘',
  ldquo: '“',
  rdquo: '”',
  hellip: '…',
  ndash: '–',
  mdash: '—',
  pound: '£',
};

const TAG = /<\/?[a-zA-Z][^<>]{0,500}>|<!--[\s\S]{0,2000}?-->/g;
const ENTITY = /&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]{2,8});/g;

const decodeEntity = (whole: string, body: string): string => {
  if (body[0] === '#') {
    const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : ' ';
  }
  return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
};

export const stripHtml = (text: string): string => {
  let out = text;
  if (out.includes('<')) out = out.replace(TAG, ' ');
  if (out.includes('&')) out = out.replace(ENTITY, decodeEntity);
  return out;
};
