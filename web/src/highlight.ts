// Marks the search in a transcript's cleaned reading. markRanges() marks what the server says it
// matched (GET /api/docs/{id}?q=: stemmed, fuzzy, sound and robust matches, with what each
// approximate one stands for). queryPatterns()/highlight() are the fallback for a server that does
// not say: a query word matches words that start with it (after dropping a few English endings),
// which finds "congratulated" for "congratulate" without a stemmer in the page; field values
// (show:, speaker:, …) and operators are not marked; a quoted phrase is marked as a whole.

const kOperators = new Set(['AND', 'OR', 'NOT', 'NEAR']);

export function queryPatterns(query: string): RegExp | null {
  const parts: string[] = [];
  // Phrases first, then bare words; anything with a field prefix or a leading '-' is skipped.
  const token = /(-?)(?:([A-Za-z]+):)?(?:"([^"“”]*)["“”]?|“([^"“”]*)["“”]?|([^\s()"“”]+))/g;
  for (const m of query.matchAll(token)) {
    const [, negated, field, phrase1, phrase2, word] = m;
    if (negated || field) continue;
    const phrase = phrase1 ?? phrase2;
    if (phrase !== undefined) {
      const words = phrase.split(/\s+/).filter(Boolean).map(wordPattern);
      if (words.length) parts.push(words.join('[\\s\\p{P}]+'));
    } else if (word && !kOperators.has(word) && !/[*~]/.test(word)) {
      parts.push(wordPattern(word));
    }
  }
  if (!parts.length) return null;
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${parts.join('|')})`, 'giu');
}

function wordPattern(word: string): string {
  const lower = word.toLowerCase();
  const root = lower.length > 4 ? lower.replace(/(ing|ed|es|e|s)$/u, '') : lower;
  return `${escape(root)}[\\p{L}\\p{N}']*`;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// Wraps every match inside `root`'s text nodes in <mark class="match">; returns the marks.
export function highlight(root: Element, pattern: RegExp): HTMLElement[] {
  const marks: HTMLElement[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const nodes: Text[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
  for (const node of nodes) {
    const text = node.data;
    pattern.lastIndex = 0;
    let m: RegExpExecArray | null;
    let at = 0;
    const frag = document.createDocumentFragment();
    while ((m = pattern.exec(text)) !== null) {
      if (m[0].length === 0) {
        pattern.lastIndex++;
        continue;
      }
      if (m.index > at) frag.append(text.slice(at, m.index));
      const mark = document.createElement('mark');
      mark.className = 'match';
      mark.textContent = m[0];
      frag.append(mark);
      marks.push(mark);
      at = m.index + m[0].length;
    }
    if (at === 0) continue; // no match in this node
    if (at < text.length) frag.append(text.slice(at));
    node.replaceWith(frag);
  }
  return marks;
}

// A match the server found, in string indices into the text the page's nodes were cut from.
export interface Range {
  start: number;
  end: number;
  approximate: boolean; // a caption error that matched by edit distance, sound or robust reading
  title: string; // what it matched ("raids ≈ raise (fuzzy)"), or ""
}

// Wraps the parts of the text nodes under `roots` that fall in `ranges` in <mark class="match">
// (also "approx" for approximate ones, titled with what they matched). `starts` says where each
// text node begins in that text; nodes it does not know (labels, separators) are left alone, so a
// range split over a quote or an entity link gets one mark per piece. Returns the first piece of
// each range that is shown, in text order (the targets of "Next match").
export function markRanges(roots: Element[], ranges: Range[], starts: WeakMap<Text, number>): HTMLElement[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  const first = new Map<number, HTMLElement>();
  for (const root of roots) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const nodes: Text[] = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
    for (const node of nodes) {
      const base = starts.get(node);
      if (base === undefined) continue;
      const text = node.data;
      const end = base + text.length;
      const frag = document.createDocumentFragment();
      let at = 0;
      let marked = false;
      for (let i = lowerBound(sorted, base); i < sorted.length && sorted[i].start < end; i++) {
        const r = sorted[i];
        const s = Math.max(r.start, base) - base;
        const e = Math.min(r.end, end) - base;
        if (e <= s || s < at) continue;
        if (s > at) frag.append(text.slice(at, s));
        const mark = document.createElement('mark');
        mark.className = r.approximate ? 'match approx' : 'match';
        if (r.title) mark.title = r.title;
        mark.textContent = text.slice(s, e);
        frag.append(mark);
        if (!first.has(i)) first.set(i, mark);
        at = e;
        marked = true;
      }
      if (!marked) continue;
      if (at < text.length) frag.append(text.slice(at));
      node.replaceWith(frag);
    }
  }
  return [...first.entries()].sort(([a], [b]) => a - b).map(([, mark]) => mark);
}

// The first range that may reach past `offset` (ranges sorted by start, not overlapping).
function lowerBound(ranges: Range[], offset: number): number {
  let lo = 0;
  let hi = ranges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ranges[mid].end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
