/**
 * Surnames that are also everyday words. A staff surname on this list ("Price", "Marsh", "Bland")
 * only counts on its own when it is capitalised mid-sentence or sits next to a staff word, so "the
 * price of the trip" is not read as Miss Price.
 */
export const COMMON_WORD_SURNAMES = new Set(
  (
    'price bland marsh pike gill shaw reid read reed evans keane keen hall hill wood woods green brown white black gray grey young king ' +
    'bell moore more rose may best hope cross rich long short little frost stone fox bird day hunt hunter bishop cook baker ' +
    'carpenter mason porter turner walker fisher butler parker ward page bond bush lamb lord love power rice sharp ' +
    'smith wells banks booth brook brooks burns chamberlain chance church clay cole coles dean dale dyer english fields ' +
    'finch ford forest foster garden gardner gold golding goodman hale hart head heath holmes hood house howard hughes ' +
    'joy judge kelly knight lane law lee lovely mann marshall mills miller moon nash north oak oliver paris payne pearl ' +
    'penny pierce pool potter pratt quick rain ray rivers rock ross rush sage salt sands savage saw scott sears ' +
    'shepherd shields silver singer slater snow south spear spring stark steel stern street strong summer swan sweet ' +
    'tate taylor thorn thorne tower tucker vale vine wade wall walls ward water waters watt weaver west wild wilde winter wise wolf ' +
    'wright chase coates cotton crane dawn doll drake duck dunn early eve fairy fell field fry gentle glass good gore ' +
    'grace grant hand hardy heart holly honey hooper horn jolly jay joyce kay kemp kidd knott lamb lark link lock ' +
    'lucky mark martin marks moss nail noble nunn parks peach pope pride reeves riches rider rowe royle sale sharpe ' +
    'shore simple slack spark sparks speed stamp steer stock storey stout swift toll trim victor warren webb wheeler ' +
    'bright brave cash carter clark cross dear doyle duffy drew fair faith fine flood gill gun hay haigh hope jones marsh ' +
    'obi pike wing'
  ).split(/\s+/),
);
