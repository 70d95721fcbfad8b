/**
 * Text from a mention is hostile until proven otherwise. Before it goes into an email it is made
 * readable and inert: control characters out, bidirectional overrides shown as visible markers
 * (so "‮txt.exe" cannot pose as "exe.txt"), long posts shortened with a note, and every character
 * HTML-escaped by a library in the HTML part.
 */
import escapeHtml from 'escape-html';

/** Explicit embeddings, overrides and isolates: the characters a "Trojan Source" spoof relies on. */
const BIDI_CONTROLS: Readonly<Record<string, string>> = {
  '\u202a': 'LRE',
  '\u202b': 'RLE',
  '\u202c': 'PDF',
  '\u202d': 'LRO',
  '\u202e': 'RLO',
  '\u2066': 'LRI',
  '\u2067': 'RLI',
  '\u2068': 'FSI',
  '\u2069': 'PDI',
};
const BIDI_PATTERN = /[\u202a-\u202e\u2066-\u2069]/g;
// C0 controls except tab and newline, DEL, C1 controls, and the Unicode line/paragraph separators.
const CONTROL_PATTERN = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g;

/** Readable and inert text: CRLF to LF, controls to spaces, bidi controls to visible "[RLO]" markers. */
export const neutralise = (value: string): string =>
  value
    .replace(/\r\n?/g, '\n')
    .replace(CONTROL_PATTERN, ' ')
    .replace(BIDI_PATTERN, (c) => `[${BIDI_CONTROLS[c] ?? '?'}]`);

/** Neutralised and on one line (author names, titles, subjects). */
export const oneLine = (value: string): string => neutralise(value).replace(/\s+/g, ' ').trim();

export interface Shortened {
  text: string;
  /** Set when the text was cut: says how much of it is shown. */
  note?: string;
}

/** Cuts at a word boundary near `max` characters (never inside a surrogate pair) and says so. */
export const shorten = (value: string, max: number): Shortened => {
  if (value.length <= max) return { text: value };
  let cut = max;
  const code = value.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  const lastSpace = value.lastIndexOf(' ', cut);
  if (lastSpace > max * 0.8) cut = lastSpace;
  const shown = value.slice(0, cut).trimEnd();
  return {
    text: `${shown} …`,
    note: `Shortened: showing the first ${shown.length.toLocaleString('en-GB')} of ${value.length.toLocaleString('en-GB')} characters. Open the link to read the whole post.`,
  };
};

export const esc = (value: string): string => escapeHtml(value);

/** Only http(s) URLs become links; anything else (javascript:, data:) is shown as text. */
export const safeHttpUrl = (value: string | undefined): string | undefined => {
  if (!value) return undefined;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : undefined;
  } catch {
    return undefined;
  }
};

/** Untrusted text in HTML: escaped, isolated from the surrounding direction, line breaks kept. */
export const htmlText = (value: string): string => `<bdi>${esc(neutralise(value)).replace(/\n/g, '<br>')}</bdi>`;
