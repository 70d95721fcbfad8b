import safeRegex from 'safe-regex2';

/**
 * Regular expressions typed by an administrator run on every mention, so one that can backtrack
 * catastrophically ("(a+)+$") would stall the classifier. Such patterns are refused before they are
 * saved, with a message that says what to change.
 */
export class UnsafePatternError extends Error {
  constructor(
    readonly pattern: string,
    readonly reason: string,
  ) {
    super(`Refused pattern ${JSON.stringify(pattern)}: ${reason}`);
    this.name = 'UnsafePatternError';
  }
}

export const MAX_REGEX_LENGTH = 200;

/** A quantified group containing alternatives, e.g. (a|ab)+ or (x|x)*: safe-regex2 lets these through. */
const REPEATED_ALTERNATION = /\((?:\?:)?[^()]*\|[^()]*\)(?:[*+]|\{\d*,\d*\})/;

export const checkRegexSafety = (pattern: string): RegExp => {
  if (pattern.length > MAX_REGEX_LENGTH) {
    throw new UnsafePatternError(pattern, `it is longer than ${MAX_REGEX_LENGTH} characters; split it into several rules.`);
  }
  let compiled: RegExp;
  try {
    compiled = new RegExp(pattern);
  } catch (cause) {
    throw new UnsafePatternError(pattern, `it is not a valid regular expression (${(cause as Error).message}).`);
  }
  if (/\\[1-9]|\\k</.test(pattern)) {
    throw new UnsafePatternError(pattern, 'back-references can take exponential time; use a phrase rule instead.');
  }
  if (/\(\?<?[=!]/.test(pattern)) {
    throw new UnsafePatternError(pattern, 'look-around assertions are not allowed; use an exception instead.');
  }
  if (!safeRegex(pattern, { limit: 25 })) {
    throw new UnsafePatternError(
      pattern,
      'it can backtrack catastrophically (a repeated group inside a repeat, like (a+)+, or too many repeats); ' +
        'remove the nested repeat, e.g. write (ab)+ as ab(ab)? or use a phrase rule.',
    );
  }
  if (REPEATED_ALTERNATION.test(pattern)) {
    throw new UnsafePatternError(
      pattern,
      'a repeated group of alternatives, like (a|ab)+, can backtrack catastrophically; list the alternatives as separate rules.',
    );
  }
  if (compiled.test('')) {
    throw new UnsafePatternError(pattern, 'it matches empty text, so it would flag every mention.');
  }
  return compiled;
};
