/**
 * Refuses XML attacks before any parser sees the document. rss-parser hands the text to xml2js/sax;
 * sax never fetches a DTD and does not expand entities declared in one (it fails on them), but the
 * failure is an accident of the library, not a policy. So the prolog is read here: a DOCTYPE whose
 * internal subset declares any entity (billion laughs, quadratic blow-up, external SYSTEM/PUBLIC
 * entities, parameter entities) is refused with a clear error. A DOCTYPE that only names an external
 * DTD (RSS 0.91's Netscape DTD, say) is allowed: nothing ever fetches it.
 */
import { ValidationError } from '../platform/errors';

export class XmlAttackError extends ValidationError {}

const MAX_PROLOG_CONSTRUCTS = 64;

/** Index just past the DOCTYPE that starts at `start`, and its internal subset (if any). */
const readDoctype = (xml: string, start: number): { end: number; internalSubset?: string } => {
  let quote: string | undefined;
  let subsetStart = -1;
  for (let i = start + '<!DOCTYPE'.length; i < xml.length; i += 1) {
    const c = xml[i];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '[' && subsetStart < 0) {
      subsetStart = i + 1;
    } else if (c === ']' && subsetStart >= 0) {
      const close = xml.indexOf('>', i);
      const end = close < 0 ? xml.length : close + 1;
      return { end, internalSubset: xml.slice(subsetStart, i) };
    } else if (c === '>' && subsetStart < 0) {
      return { end: i + 1 };
    }
  }
  // Unterminated DOCTYPE: everything after it is the (unterminated) subset.
  return { end: xml.length, internalSubset: subsetStart >= 0 ? xml.slice(subsetStart) : undefined };
};

/** Throws XmlAttackError if the document's prolog declares entities. */
export const assertNoEntityDeclarations = (xml: string): void => {
  let i = 0;
  for (let n = 0; n < MAX_PROLOG_CONSTRUCTS && i < xml.length; n += 1) {
    while (i < xml.length && /\s/.test(xml[i]!)) i += 1;
    if (xml.startsWith('<?', i)) {
      const close = xml.indexOf('?>', i + 2);
      i = close < 0 ? xml.length : close + 2;
    } else if (xml.startsWith('<!--', i)) {
      const close = xml.indexOf('-->', i + 4);
      i = close < 0 ? xml.length : close + 3;
    } else if (xml.slice(i, i + 9).toUpperCase() === '<!DOCTYPE') {
      const doctype = readDoctype(xml, i);
      if (doctype.internalSubset !== undefined && /<!ENTITY/i.test(doctype.internalSubset)) {
        const external = /<!ENTITY[^>]*\s(SYSTEM|PUBLIC)\s/i.test(doctype.internalSubset);
        throw new XmlAttackError(
          external
            ? 'Refused: the document declares an external XML entity (a file or URL to be read into the feed).'
            : 'Refused: the document declares XML entities in its DOCTYPE (entity expansion, "billion laughs").',
        );
      }
      i = doctype.end;
    } else {
      return;
    }
  }
};
