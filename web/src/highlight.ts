// Marks the words of the search in a transcript's cleaned reading. The server stems and folds;
// here a query word matches words that start with it (after dropping a few English endings), which
// finds "congratulated" for "congratulate" without a stemmer in the page. Field values (show:,
// speaker:, …) and operators are not marked; a quoted phrase is marked as a whole.

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
