// Answer text → the canonical content tokens the near-duplicate signature is built from:
// lower case, function words dropped, each word mapped to a WordNet synset where one is known
// (so "calm" and "serene" are one token) and to its Porter stem otherwise (so "colours" and
// "colour" are one token). The lexicon is passed in: loading WordNet is I/O and stays at the
// edge (text/wordnet.ts); this module is pure and browser-safe.
import { stemmer } from "stemmer";

/** Maps a lower-case word to its synonym class, or undefined when WordNet does not know it. */
export type Lexicon = (word: string) => string | undefined;

// English function words: shared by every answer, so they say nothing about copying.
const STOPWORDS = new Set(
  (
    "a about above after again against all am an and any are as at be because been before being " +
    "below between both but by can could did do does doing down during each few for from further " +
    "had has have having he her here hers herself him himself his how i if in into is it its itself " +
    "just me more most my myself no nor not now of off on once only or other our ours ourselves out " +
    "over own same she should so some such than that the their theirs them themselves then there " +
    "these they this those through to too under until up very was we were what when where which " +
    "while who whom why will with would you your yours yourself yourselves im ive dont its thats " +
    "also really quite bit lot much many one ones"
  ).split(" "),
);

/** The canonical token of one lower-case word: its synonym class, else its stem. */
export const canonicalToken = (word: string, lexicon: Lexicon): string =>
  lexicon(word) ?? stemmer(word);

/** Distinct canonical content tokens of an answer's normalised words, in first-seen order. */
export function contentTokens(words: readonly string[], lexicon: Lexicon): string[] {
  const out = new Set<string>();
  for (const word of words) {
    const w = word.replaceAll("'", ""); // "don't" → "dont"
    if (w && !STOPWORDS.has(w)) out.add(canonicalToken(w, lexicon));
  }
  return [...out];
}
