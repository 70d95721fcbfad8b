/** HTML to one line of plain text, with html-to-text (scripts, styles and images dropped, no link targets). */
import { compile } from 'html-to-text';
import iconv from 'iconv-lite';

/** Mention text is capped so an SQS message (256 KB) always has room for it. */
export const MAX_TEXT_LENGTH = 20_000;
export const MAX_TITLE_LENGTH = 500;

const headings = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({
  selector,
  options: { uppercase: false },
}));

const toText = compile({
  wordwrap: false,
  decodeEntities: true,
  limits: { maxInputLength: 1_000_000, maxDepth: 200, maxChildNodes: 5_000, ellipsis: '…' },
  selectors: [
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'img', format: 'skip' },
    { selector: 'script', format: 'skip' },
    { selector: 'style', format: 'skip' },
    { selector: 'noscript', format: 'skip' },
    { selector: 'iframe', format: 'skip' },
    { selector: 'object', format: 'skip' },
    { selector: 'svg', format: 'skip' },
    { selector: 'table', format: 'dataTable', options: { uppercaseHeaderCells: false } },
    ...headings,
  ],
});

export const capText = (text: string, max: number): string =>
  text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;

/**
 * C1 control characters in text are almost always windows-1252 punctuation that went through a
 * Latin-1 decoder ("don\u0092t"): they become the characters the author typed ("don’t").
 */
const demoronize = (text: string): string =>
  text.replace(/[\u0080-\u009f]/g, (c) => iconv.decode(Buffer.from([c.charCodeAt(0)]), 'windows-1252'));

/** Markup left after one pass means the feed escaped its HTML twice (old Reddit and blog feeds do). */
const STILL_HTML = /<\/?(?:p|div|br|span|a|img|script|iframe|style|ul|ol|li|em|strong|b|i|h[1-6]|blockquote|figure|table|tr|td)\b[^<>]*>/i;

/** Plain text, whitespace collapsed, capped at `max` characters. */
export const htmlToPlainText = (html: string | undefined, max = MAX_TEXT_LENGTH): string => {
  if (!html) return '';
  let text = /[<&]/.test(html) ? toText(html) : html;
  if (STILL_HTML.test(text)) text = toText(text);
  return capText(demoronize(text).replace(/\s+/g, ' ').trim(), max);
};
