// Shows a query error where it is: the message, and the query text again with the character at
// the error's column underlined and a caret under it. The column the server reports is 1-based
// and counts Unicode code points of the query (columnToIndex converts it to a string index).
import { h, clear } from '../dom';

export function columnToIndex(query: string, column: number): number {
  // Walk code points, counting each one's UTF-8 length, until the byte column is reached; a
  // column inside a multi-byte character points at that character.
  let index = 0;
  let byte = 1;
  for (const ch of query) {
    const cp = ch.codePointAt(0)!;
    const width = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    if (byte + width > column) return index;
    index += ch.length;
    byte += width;
  }
  return query.length;
}

export function renderQueryError(box: HTMLElement, query: string, message: string, column?: number): void {
  clear(box);
  box.hidden = false;
  box.append(h('p', { class: 'error-message' }, h('strong', {}, 'Query error: '), message));
  if (!column || column < 1) return;
  const at = columnToIndex(query, column);
  const cp = query.codePointAt(at);
  const ch = cp === undefined ? '' : String.fromCodePoint(cp);
  const before = query.slice(0, at);
  const after = query.slice(at + ch.length);
  box.append(
    h(
      'pre',
      { class: 'error-mirror', 'aria-label': `The query, column ${column} marked` },
      h('span', {}, before),
      h('span', { class: 'error-at', title: `column ${column}` }, ch || ' '),
      h('span', {}, after),
      '\n',
      h('span', { class: 'error-caret', 'aria-hidden': 'true' }, ' '.repeat([...before].length) + '^'),
    ),
  );
}

export function hideQueryError(box: HTMLElement): void {
  clear(box);
  box.hidden = true;
}
