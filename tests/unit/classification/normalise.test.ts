import { describe, expect, it } from 'vitest';
import { Lexicon } from '../../../shared/classification/text/lexicon';
import { normalise } from '../../../shared/classification/text/normalise';

const lexicon = new Lexicon()
  .addWords(['kill', 'bitch', 'racist', 'fuck', 'fucking', 'prick', 'die', 'ass', 'shit', 'slag', 'knife'], { stems: true, maskable: true })
  .addWords(['proud', 'you']);
const tokens = (text: string) => normalise(text, lexicon).tokens;

describe('normalising a mention', () => {
  it('undoes leetspeak when the result is a known word (k1ll, b1tch, r@cist, $hit)', () => {
    expect(tokens('ill k1ll u, you b1tch, r@cist, $hit')).toEqual(['ill', 'kill', 'u', 'you', 'bitch', 'racist', 'shit']);
  });

  it('tries 1 as an l as well as an i (ki11)', () => {
    expect(tokens('ki11 him')).toEqual(['kill', 'him']);
  });

  it('leaves class and year-group codes and text-speak alone (10B, y9, yr11, gr8)', () => {
    expect(tokens('a girl in 10B, y9 and yr11 lads, gr8')).toEqual(['a', 'girl', 'in', '10b', 'y9', 'and', 'yr11', 'lads', 'gr8']);
  });

  it('joins spaced-out letters into the word they spell (k i l l, k.i.l.l, d i e)', () => {
    expect(tokens('k i l l him')).toEqual(['kill', 'him']);
    expect(tokens('k.i.l.l')).toEqual(['kill']);
    expect(tokens('d i e')).toEqual(['die']);
  });

  it('does not join short runs of letters that spell nothing (u r a)', () => {
    expect(tokens('u r a legend')).toEqual(['u', 'r', 'a', 'legend']);
  });

  it('shortens stretched letters to the known word (killlllll, fuuuuck, soooo proud)', () => {
    expect(tokens('killlllll fuuuuck soooo proud')).toEqual(['kill', 'fuck', 'soo', 'proud']);
  });

  it('reads masked words as the profanity that fits (pr*ck, f***, f**king, sl*g)', () => {
    expect(tokens('pr*ck f*** f**king sl*g')).toEqual(['prick', 'fuck', 'fucking', 'slag']);
  });

  it('turns emoji that carry meaning into words (knife, gun, bomb, fire)', () => {
    expect(tokens('🔪🔫💣🔥')).toEqual(['knife', 'gun', 'bomb', 'fire']);
  });

  it('folds Unicode: full-width and mathematical letters (NFKC), accents, Cyrillic look-alikes', () => {
    expect(tokens('Ｋｉｌｌ 𝐤𝐢𝐥𝐥 Café kіll')).toEqual(['kill', 'kill', 'cafe', 'kill']);
  });

  it('strips HTML tags and decodes entities', () => {
    expect(tokens('<p>Mr &amp; Mrs Smith&#39;s <b>note</b></p>')).toEqual(['mr', 'mrs', 'smiths', 'note']);
  });

  it('keeps the text as written for evidence, and marks sentence starts', () => {
    const n = normalise('Watch ur back. Lloyd k1ll', lexicon);
    expect(n.raw).toEqual(['Watch', 'ur', 'back', 'Lloyd', 'k1ll']);
    expect([...n.sentenceStart]).toEqual([1, 0, 0, 1, 0]);
    expect(n.disguised).toBe(true);
  });
});
