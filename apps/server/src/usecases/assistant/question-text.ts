/**
 * A customer's question as the matcher reads it: one normalized string for Chinese (which has no
 * spaces, so keywords are found as substrings) and a list of Latin words for English (found word
 * by word, forgiving a typo). Mixed questions ("A窗口要等多久", "我想book一个appointment") give
 * both. Pure.
 */
export interface QuestionText {
  /** NFKC (full-width letters and digits become ASCII), lower case, spaces squeezed. */
  text: string;
  /** The text before lower-casing (service codes are capital letters). */
  original: string;
  /** Latin words and numbers, lower case, in order. */
  words: string[];
}

export function readQuestion(question: string): QuestionText {
  const original = question.normalize('NFKC').replace(/\s+/g, ' ').trim();
  const text = original.toLowerCase();
  // "don't" and "didn't" stay one word as people type them ("dont"); other apostrophes split, so
  // "I'd" is not read as "id" (a document).
  const words = text.replace(/n['’]t\b/g, 'nt').match(/[a-z0-9]+/g) ?? [];
  return { text, original, words };
}

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions), capped at `max + 1`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row = (rows[i] = [i]);
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row[j] = j;
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, row[j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      row[j] = d;
      best = Math.min(best, d);
    }
    if (i > 0 && best > max) return max + 1;
  }
  return rows[a.length]![b.length]!;
}

/**
 * How many typos a word of this length may carry and still be recognised: none in short words
 * ("id" and "is", "hour" and "four" must stay apart), one from five letters, two from eight.
 */
function typosAllowed(length: number): number {
  return length >= 8 ? 2 : length >= 5 ? 1 : 0;
}

/** Plural and common endings, so "loans", "documents", "opening" find "loan", "document", "open". */
export function stem(word: string): string {
  if (word.length > 5 && word.endsWith('ing')) return word.slice(0, -3);
  if (word.length > 4 && word.endsWith('ed')) return word.slice(0, -2);
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/** True when a typed word is `keyword` (already stemmed), allowing for endings and typos. */
export function wordMatches(typed: string, keyword: string): boolean {
  if (typed === keyword) return true;
  const s = stem(typed);
  if (s === keyword) return true;
  const allowed = typosAllowed(keyword.length);
  if (allowed === 0) return false;
  // Two typos, but not two missing letters: "change" is not "exchange". The word as typed and
  // stemmed are tried each on its own: stemming a typo can cut too much ("busines" -> "busine").
  return [typed, s].some((w) => Math.abs(w.length - keyword.length) <= 1 && editDistance(w, keyword, allowed) <= allowed);
}

/**
 * Where the words contain `phrase` (keywords, stemmed) as consecutive words, from word `from` on,
 * skipping positions already `taken` by another cue of the same topic (so "opening" does not
 * count as both "open" and "opening"); -1 when not found.
 */
export function findPhrase(words: readonly string[], phrase: readonly string[], taken: ReadonlySet<number> = new Set(), from = 0): number {
  for (let i = from; i + phrase.length <= words.length; i++) {
    if (phrase.every((k, j) => !taken.has(i + j) && wordMatches(words[i + j]!, k))) return i;
  }
  return -1;
}

/** How far apart the parts of a cue written with "…" may be: a few words, not the whole question. */
const GAP_WORDS = 5;
const GAP_CHARS = 8;

/**
 * The word positions of a cue whose parts ("how long … take") come in order with up to a few
 * words between them, none already `taken`; null when not found. A cue without "…" is a phrase.
 */
export function findGappedPhrase(words: readonly string[], cue: string, taken: ReadonlySet<number>): number[] | null {
  const parts = cue.split(' … ').map((part) => part.split(' '));
  const first = parts[0]!;
  for (let start = findPhrase(words, first, taken); start >= 0; start = findPhrase(words, first, taken, start + 1)) {
    const at = Array.from({ length: first.length }, (_, i) => start + i);
    let next = start + first.length;
    const found = parts.slice(1).every((part) => {
      const p = findPhrase(words, part, taken, next);
      if (p < 0 || p - next > GAP_WORDS) return false;
      at.push(...part.map((_, i) => p + i));
      next = p + part.length;
      return true;
    });
    if (found) return at;
  }
  return null;
}

/** True when the Chinese text holds the cue, its parts ("改…时间") in order with a few characters between. */
export function hasGappedText(text: string, cue: string): boolean {
  const [first, ...rest] = cue.split('…');
  for (let start = text.indexOf(first!); start >= 0; start = text.indexOf(first!, start + 1)) {
    let next = start + first!.length;
    const found = rest.every((part) => {
      const p = text.indexOf(part, next);
      if (p < 0 || p - next > GAP_CHARS) return false;
      next = p + part.length;
      return true;
    });
    if (found) return true;
  }
  return false;
}
