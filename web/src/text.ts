// The API gives turn, quote, entity and markup positions as UTF-8 byte offsets into `body`;
// JavaScript strings index UTF-16 code units. ByteText converts once per document.

export class ByteText {
  readonly text: string;
  private readonly toIndex: Uint32Array; // byte offset → string index (of the character holding it)
  readonly byteLength: number;

  constructor(text: string) {
    this.text = text;
    let bytes = 0;
    for (const ch of text) bytes += utf8Width(ch.codePointAt(0)!);
    this.byteLength = bytes;
    this.toIndex = new Uint32Array(bytes + 1);
    let b = 0;
    let i = 0;
    for (const ch of text) {
      const w = utf8Width(ch.codePointAt(0)!);
      for (let k = 0; k < w; k++) this.toIndex[b + k] = i;
      b += w;
      i += ch.length;
    }
    this.toIndex[bytes] = text.length;
  }

  index(byteOffset: number): number {
    if (byteOffset <= 0) return 0;
    if (byteOffset >= this.byteLength) return this.text.length;
    return this.toIndex[byteOffset];
  }

  slice(startByte: number, endByte: number): string {
    return this.text.slice(this.index(startByte), this.index(endByte));
  }
}

function utf8Width(cp: number): number {
  return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

// A span of text to decorate: [start, end) in string indices, innermost spans rendered inside
// outer ones. Spans of one layer must not overlap (overlaps are dropped, first wins).
export interface Span<T> {
  start: number;
  end: number;
  data: T;
}

export function dropOverlaps<T>(spans: Span<T>[]): Span<T>[] {
  const sorted = [...spans].filter((s) => s.end > s.start).sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Span<T>[] = [];
  let end = -1;
  for (const s of sorted) {
    if (s.start >= end) {
      out.push(s);
      end = s.end;
    }
  }
  return out;
}
