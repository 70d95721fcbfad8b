/**
 * Turns a feed's bytes into text. Order of evidence: byte-order mark, then the charset of the
 * Content-Type header, then UTF-16/32 byte patterns, then the XML declaration, then UTF-8 — and if
 * undeclared bytes are not valid UTF-8, windows-1252 (what browsers do with undeclared Latin-1 feeds).
 * Decoders come from iconv-lite; nothing here is a hand-written decoder.
 */
import iconv from 'iconv-lite';
import { ValidationError } from '../platform/errors';

const BOMS: ReadonlyArray<{ bytes: readonly number[]; encoding: string }> = [
  { bytes: [0xef, 0xbb, 0xbf], encoding: 'utf-8' },
  { bytes: [0x00, 0x00, 0xfe, 0xff], encoding: 'utf-32be' },
  { bytes: [0xff, 0xfe, 0x00, 0x00], encoding: 'utf-32le' },
  { bytes: [0xfe, 0xff], encoding: 'utf-16be' },
  { bytes: [0xff, 0xfe], encoding: 'utf-16le' },
];

/** "<?" in UTF-16/32 without a BOM (XML 1.0 appendix F). */
const UNMARKED_PATTERNS: ReadonlyArray<{ bytes: readonly number[]; encoding: string }> = [
  { bytes: [0x3c, 0x00, 0x00, 0x00], encoding: 'utf-32le' },
  { bytes: [0x00, 0x00, 0x00, 0x3c], encoding: 'utf-32be' },
  { bytes: [0x3c, 0x00, 0x3f, 0x00], encoding: 'utf-16le' },
  { bytes: [0x00, 0x3c, 0x00, 0x3f], encoding: 'utf-16be' },
];

/**
 * Labels that mean "single-byte Western": decoded as windows-1252, its superset, as the WHATWG
 * Encoding standard does (feeds that declare ISO-8859-1 routinely contain cp1252 smart quotes).
 */
const WESTERN = new Set(['us-ascii', 'ascii', 'iso-8859-1', 'iso8859-1', 'latin1', 'latin-1', 'l1', 'cp819']);

const startsWith = (body: Buffer, bytes: readonly number[]): boolean =>
  body.length >= bytes.length && bytes.every((b, i) => body[i] === b);

export const charsetFromContentType = (contentType: string | undefined): string | undefined => {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
  return match?.[1]?.toLowerCase();
};

/** The encoding named in `<?xml … encoding="…"?>`, read from the ASCII-compatible start of the body. */
export const charsetFromXmlDeclaration = (body: Buffer): string | undefined => {
  const head = body.subarray(0, 1024).toString('latin1');
  const declaration = /^\s*<\?xml\s[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})["']/.exec(head);
  return declaration?.[1]?.toLowerCase();
};

const canonical = (label: string): string => (WESTERN.has(label) ? 'windows-1252' : label);

const decodeAs = (body: Buffer, label: string): string => {
  const encoding = canonical(label);
  if (encoding === 'utf-8' || encoding === 'utf8') return new TextDecoder('utf-8').decode(body);
  if (!iconv.encodingExists(encoding)) {
    throw new ValidationError(`The feed uses an unsupported character encoding "${label}".`);
  }
  return iconv.decode(body, encoding);
};

const isValidUtf8 = (body: Buffer): boolean => {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(body);
    return true;
  } catch {
    return false;
  }
};

/** A declaration we could read as ASCII cannot be telling the truth about UTF-16/32. */
const asciiCompatible = (declared: string | undefined): string | undefined =>
  declared && /^(utf-?16|utf-?32|ucs-?2|ucs-?4)/.test(declared) ? 'utf-8' : declared;

export interface DecodedBody {
  text: string;
  /** The encoding used, for diagnostics. */
  encoding: string;
}

export const decodeFeedBody = (body: Buffer, contentType?: string): DecodedBody => {
  const bom = BOMS.find((b) => startsWith(body, b.bytes));
  let encoding: string;
  if (bom) {
    encoding = bom.encoding;
  } else {
    encoding =
      charsetFromContentType(contentType) ??
      UNMARKED_PATTERNS.find((p) => startsWith(body, p.bytes))?.encoding ??
      asciiCompatible(charsetFromXmlDeclaration(body)) ??
      (isValidUtf8(body) ? 'utf-8' : 'windows-1252');
  }
  const text = decodeAs(bom ? body.subarray(bom.bytes.length) : body, encoding);
  return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, encoding: canonical(encoding) };
};
