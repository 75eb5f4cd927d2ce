// The transcript view: the document by speaker turns (role and name, with the evidence behind
// the attribution), quotes marked with their speaker, entity mentions linked to a search for the
// entity, the cleaned reading (markup such as speaker labels, stage directions and time stamps
// taken out) beside the original text, and the segment's re-airs when the server has them.
import { h, clear, formatNumber } from '../dom';
import { ApiError, getDocument, getReairsOf, isAbort, type Airing, type Document, type Turn } from '../api';
import { defaultState, searchLink, stateToUrl } from '../state';
import { ByteText, dropOverlaps, type Span } from '../text';
import { highlight, markRanges, queryPatterns, type Range } from '../highlight';
import { renderFailure } from './search';
import type { Ctx } from '../main';

type Inline =
  | { kind: 'markup'; markupKind: string }
  | { kind: 'repair'; repairKind: string }
  | { kind: 'entity'; name: string; type: string };
interface QuoteData {
  index: number;
  speaker: string | null;
  medium: string | null;
  kind: string;
  confidence: number;
  evidence: string;
}

const kRoleNames: Record<string, string> = {
  anchor: 'Anchor',
  reporter: 'Reporter',
  soundbite: 'Soundbite',
  host: 'Host',
  guest: 'Guest',
  moderator: 'Moderator',
  unknown: 'Speaker',
};

export function renderTranscript(root: HTMLElement, ctx: Ctx): void {
  const { state, signal } = ctx;
  const back = state.q || state.shows.length || state.sources.length
    ? h('a', { href: stateToUrl({ ...state, view: 'search', id: '' }), id: 'back-to-results' }, '← Results for ', h('code', {}, state.q))
    : h('a', { href: stateToUrl(defaultState()), id: 'back-to-results' }, '← Search');
  const body = h('div', { class: 'doc-body', 'aria-busy': 'true' }, h('p', { class: 'loading' }, 'Loading the transcript…'));
  root.append(h('nav', { class: 'crumbs', 'aria-label': 'Back' }, back), body);
  if (!state.id) {
    body.removeAttribute('aria-busy');
    clear(body);
    body.append(h('h1', { tabindex: '-1' }, 'No document chosen'), h('p', {}, 'Open a transcript from the search results.'));
    return;
  }
  getDocument(state.id, state.q, signal)
    .then((doc) => {
      clear(body);
      body.removeAttribute('aria-busy');
      ctx.setTitle(doc.title || doc.id);
      renderDocument(body, doc, state.q, signal);
      (body.querySelector('h1') as HTMLElement | null)?.focus();
    })
    .catch((e: unknown) => {
      if (isAbort(e)) return;
      clear(body);
      body.removeAttribute('aria-busy');
      if (e instanceof ApiError && e.status === 404) {
        body.append(h('h1', { tabindex: '-1' }, 'Transcript not found'), h('p', { role: 'alert' }, e.message));
      } else {
        body.append(h('h1', { tabindex: '-1' }, 'Transcript'));
        renderFailure(body, e, () => ctx.navigate(state, { replace: true }));
      }
      (body.querySelector('h1') as HTMLElement | null)?.focus();
    });
}

function renderDocument(root: HTMLElement, doc: Document, query: string, signal: AbortSignal): void {
  const text = new ByteText(doc.body);
  const span = (start: number, end: number) => ({ start: text.index(start), end: text.index(end) });

  const inline: Span<Inline>[] = dropOverlaps([
    ...doc.markup.map((m) => ({ ...span(m.start, m.end), data: { kind: 'markup', markupKind: m.kind } as Inline })),
    ...(doc.repairs ?? []).map((r) => ({ ...span(r.start, r.end), data: { kind: 'repair', repairKind: r.kind } as Inline })),
    ...doc.entities.flatMap((e) =>
      e.mentions.map((m) => ({ ...span(m.start, m.end), data: { kind: 'entity', name: e.name, type: e.type } as Inline })),
    ),
  ]);
  const quotes: Span<QuoteData>[] = dropOverlaps(
    doc.quotes.map((q, index) => ({
      ...span(q.start, q.end),
      data: { index, speaker: q.speaker, medium: q.medium, kind: q.kind, confidence: q.confidence, evidence: q.evidence },
    })),
  );

  const turns: Turn[] = doc.turns.length
    ? doc.turns
    : [{ start: 0, end: text.byteLength, speaker: null, label: '', role: 'unknown' }];

  // On a phone the original would double the length of the page: it starts hidden there.
  const wide = !window.matchMedia('(max-width: 760px)').matches;
  const sideBySide = h('input', { type: 'checkbox', id: 'show-original', checked: wide });
  const reading = h('div', { class: wide ? 'turns side-by-side' : 'turns', id: 'turns' });
  sideBySide.addEventListener('change', () => reading.classList.toggle('side-by-side', sideBySide.checked));

  reading.append(
    h(
      'div',
      { class: 'turn-columns', 'aria-hidden': 'true' },
      h('span', {}, ''),
      h('span', { class: 'col-clean' }, 'Cleaned reading'),
      h('span', { class: 'col-original' }, 'Original text'),
    ),
  );
  turns.forEach((turn, i) => {
    const { start, end } = span(turn.start, turn.end);
    reading.append(
      h(
        'section',
        { class: `turn role-${turn.role}`, id: `turn-${i + 1}`, 'aria-label': turnLabel(turn) },
        turnHeader(turn),
        h('div', { class: 'clean' }, renderRange(doc.body, start, end, quotes, inline, 'clean')),
        h('div', { class: 'original' }, renderRange(doc.body, start, end, quotes, inline, 'original')),
      ),
    );
  });

  const meta = h(
    'p',
    { class: 'doc-meta' },
    doc.show ? h('span', { class: 'show' }, doc.show) : '',
    doc.source ? h('span', { class: 'source' }, doc.source) : '',
    doc.date ? h('time', { datetime: doc.date }, doc.date) : '',
    doc.time ? h('span', {}, doc.time) : '',
    h('span', { class: 'muted' }, `id ${doc.id}`),
    doc.url && /^https?:\/\//.test(doc.url) ? h('a', { href: doc.url, rel: 'noopener noreferrer', target: '_blank' }, 'source page') : '',
  );

  const reairs = h('section', { class: 'reairs', 'aria-labelledby': 'reairs-title' }, h('h2', { id: 'reairs-title' }, 'Re-airs'), h('p', { class: 'muted' }, 'Looking for re-airs…'));
  loadReairs(reairs, doc, signal);

  // The search's matches, marked in the cleaned reading where the server found them (stemmed,
  // fuzzy, sound and robust matches alike; an approximate one says what it matched), with a button
  // to step through them. A server that does not say where falls back to the page's word match.
  let marks: HTMLElement[] = [];
  if (doc.matches) {
    const ranges: Range[] = doc.matches.map((m) => ({
      ...span(m.start, m.end),
      approximate: m.approximate.length > 0,
      title: m.approximate.map((a) => (a.text ? `${a.text} ≈ ${a.matches} (${a.how})` : `${a.matches} (${a.how})`)).join('; '),
    }));
    marks = markRanges([...reading.querySelectorAll('.clean')], ranges, textStart);
  } else {
    const pattern = query ? queryPatterns(query) : null;
    marks = pattern ? [...reading.querySelectorAll('.clean')].flatMap((el) => highlight(el, pattern)) : [];
  }
  let current = -1;
  const nextMatch = h('button', { type: 'button', class: 'secondary', id: 'next-match' }, 'Next match');
  nextMatch.addEventListener('click', () => {
    marks[current]?.classList.remove('current');
    current = (current + 1) % marks.length;
    const mark = marks[current];
    mark.classList.add('current');
    mark.setAttribute('tabindex', '-1');
    mark.scrollIntoView({ block: 'center' });
    nextMatch.textContent = `Next match (${current + 1} of ${marks.length})`;
  });
  const matches = query
    ? h('span', { class: 'matches', id: 'match-count' }, marks.length ? [`${plural(marks.length, 'match', 'matches')} of the search `, nextMatch] : 'The search words are not in the body text')
    : '';

  root.append(
    h(
      'article',
      { class: 'doc', 'aria-labelledby': 'doc-title' },
      h('header', {}, h('h1', { id: 'doc-title', tabindex: '-1' }, doc.title || '(untitled)'), meta),
      h(
        'div',
        { class: 'doc-tools' },
        h(
          'span',
          {},
          [
            plural(turns.length, 'turn', 'turns'),
            plural(doc.quotes.length, 'quote', 'quotes'),
            plural(doc.entities.length, 'entity', 'entities'),
            plural((doc.repairs ?? []).length, 'caption repair', 'caption repairs'),
          ].join(' · '),
        ),
        matches,
        h('span', { class: 'toggle' }, sideBySide, h('label', { for: 'show-original' }, 'Original text beside the cleaned reading')),
      ),
      h(
        'div',
        { class: 'doc-layout' },
        h('section', { class: 'reading', 'aria-label': 'Transcript by speaker turn' }, reading),
        h('aside', { class: 'doc-side' }, renderEntities(doc), renderQuotes(doc), reairs),
      ),
    ),
  );
}

function plural(n: number, one: string, many: string): string {
  return `${formatNumber(n)} ${n === 1 ? one : many}`;
}

function turnLabel(turn: Turn): string {
  return `${kRoleNames[turn.role] ?? turn.role}${turn.speaker ? `: ${turn.speaker}` : ''}`;
}

function turnHeader(turn: Turn): HTMLElement {
  const name = turn.speaker
    ? h('a', { class: 'speaker', href: searchLink(`speaker:"${turn.speaker}"`), title: `Search what ${turn.speaker} said` }, turn.speaker)
    : h('span', { class: 'speaker unknown' }, turn.label ? turn.label.replace(/:$/, '') : 'Unknown speaker');
  return h(
    'header',
    { class: 'turn-head' },
    h('span', { class: `role role-${turn.role}` }, kRoleNames[turn.role] ?? turn.role),
    name,
    turn.confidence !== undefined
      ? h('span', { class: 'confidence', title: turn.evidence ? `evidence: ${turn.evidence}` : 'attribution confidence' }, `${Math.round(turn.confidence * 100)}%`)
      : '',
  );
}

// Renders body[start, end): quotes as the outer layer, markup and entity mentions inside them.
function renderRange(
  body: string,
  start: number,
  end: number,
  quotes: Span<QuoteData>[],
  inline: Span<Inline>[],
  mode: 'clean' | 'original',
): Node[] {
  const out: Node[] = [];
  let at = start;
  for (const q of quotes) {
    if (q.end <= start || q.start >= end) continue;
    const qs = Math.max(q.start, start);
    const qe = Math.min(q.end, end);
    if (qs > at) out.push(...renderInline(body, at, qs, inline, mode));
    const quoteEl = h('q', {
      class: `quote quote-${q.data.kind}`,
      id: mode === 'clean' && qs === q.start ? `quote-${q.data.index + 1}` : null,
      'data-speaker': q.data.speaker ?? '',
      title: `${q.data.kind}${q.data.speaker ? ` by ${q.data.speaker}` : ''}${q.data.evidence ? ` (${q.data.evidence})` : ''}`,
    });
    quoteEl.append(...renderInline(body, qs, qe, inline, mode));
    out.push(quoteEl);
    if (mode === 'clean' && qe === q.end) {
      out.push(
        h(
          'span',
          { class: 'quote-by' },
          q.data.speaker ? `— ${q.data.speaker}` : '— unattributed',
          q.data.medium ? `, ${q.data.medium}` : '',
        ),
      );
    }
    at = qe;
  }
  if (at < end) out.push(...renderInline(body, at, end, inline, mode));
  return out;
}

// Where each rendered text node starts in the body (string index), so that the server's match
// offsets can be marked in whatever elements (quotes, entity links) the text was split into.
const textStart = new WeakMap<Text, number>();

function textAt(body: string, start: number, end: number): Text {
  const node = document.createTextNode(body.slice(start, end));
  textStart.set(node, start);
  return node;
}

function renderInline(body: string, start: number, end: number, inline: Span<Inline>[], mode: 'clean' | 'original'): Node[] {
  const out: Node[] = [];
  let at = start;
  for (const s of inline) {
    if (s.end <= start || s.start >= end) continue;
    const ss = Math.max(s.start, start);
    const se = Math.min(s.end, end);
    if (ss > at) out.push(textAt(body, at, ss));
    if (s.data.kind === 'markup') {
      if (mode === 'original') out.push(h('span', { class: `markup markup-${s.data.markupKind}`, title: s.data.markupKind }, textAt(body, ss, se)));
      else out.push(document.createTextNode(' '));
    } else if (s.data.kind === 'repair') {
      // The cleaned reading leaves the stutter, doubled word or filler out; the original shows it struck.
      if (mode === 'original') out.push(h('del', { class: `repair repair-${s.data.repairKind}`, title: `caption repair: ${s.data.repairKind}` }, textAt(body, ss, se)));
    } else {
      out.push(
        h('a', { class: `entity entity-${s.data.type}`, href: searchLink(`entity:"${s.data.name}"`), title: `${s.data.type}: ${s.data.name} — search for it` }, textAt(body, ss, se)),
      );
    }
    at = se;
  }
  if (at < end) out.push(textAt(body, at, end));
  return out;
}

function renderEntities(doc: Document): HTMLElement {
  const section = h('section', { class: 'entities', 'aria-labelledby': 'entities-title' }, h('h2', { id: 'entities-title' }, 'Named in this transcript'));
  if (!doc.entities.length) {
    section.append(h('p', { class: 'muted' }, 'No people, organisations or places were found.'));
    return section;
  }
  const byType = new Map<string, typeof doc.entities>();
  for (const e of doc.entities) byType.set(e.type, [...(byType.get(e.type) ?? []), e]);
  for (const [type, list] of [...byType].sort(([a], [b]) => a.localeCompare(b))) {
    section.append(
      h('h3', {}, type),
      h(
        'ul',
        { class: 'entity-list' },
        [...list]
          .sort((a, b) => b.mentions.length - a.mentions.length || a.name.localeCompare(b.name))
          .map((e) =>
            h(
              'li',
              {},
              h('a', { href: searchLink(`entity:"${e.name}"`), class: 'entity-link' }, e.name),
              h('span', { class: 'count', title: 'mentions' }, formatNumber(e.mentions.length)),
            ),
          ),
      ),
    );
  }
  return section;
}

function renderQuotes(doc: Document): HTMLElement {
  const section = h('section', { class: 'quotes', 'aria-labelledby': 'quotes-title' }, h('h2', { id: 'quotes-title' }, 'Quotes'));
  if (!doc.quotes.length) {
    section.append(h('p', { class: 'muted' }, 'No quotes or soundbites were found.'));
    return section;
  }
  section.append(
    h(
      'ol',
      { class: 'quote-list' },
      doc.quotes.map((q, i) =>
        h(
          'li',
          {},
          h('a', { href: `#quote-${i + 1}`, class: 'quote-jump', onclick: (e: Event) => jumpTo(e, `quote-${i + 1}`) }, `“${q.text}”`),
          h(
            'span',
            { class: 'quote-meta' },
            q.speaker ? h('a', { href: searchLink(`speaker:"${q.speaker}"`) }, q.speaker) : 'unattributed',
            ` · ${q.kind}${q.medium ? ` · ${q.medium}` : ''}`,
          ),
        ),
      ),
    ),
  );
  return section;
}

function jumpTo(e: Event, id: string): void {
  const target = document.getElementById(id);
  if (!target) return;
  e.preventDefault();
  target.setAttribute('tabindex', '-1');
  target.focus();
  target.scrollIntoView({ block: 'center' });
}

// The re-airs of this segment: `first_aired` of the document says when it re-airs an earlier one;
// GET /api/reairs?id= gives every airing of it (earlier and later), each with its similarity to it.
function loadReairs(section: HTMLElement, doc: Document, signal: AbortSignal): void {
  const airingLink = (a: Airing) =>
    h('a', { href: stateToUrl({ ...defaultState(), view: 'doc', id: a.id }) }, [a.date, a.show].filter(Boolean).join(' · ') || a.id);
  const done = () => section.querySelector('p.muted')?.remove();
  if (doc.first_aired) {
    done();
    section.append(h('p', { id: 'first-aired' }, 'A re-air. First aired: ', airingLink(doc.first_aired), doc.first_aired.title ? ` — ${doc.first_aired.title}` : ''));
  }
  getReairsOf(doc.id, signal)
    .then((r) => {
      done();
      const cluster = (r.clusters ?? []).find((c) => c.first.id === doc.id || c.airings.some((a) => a.id === doc.id));
      const others = cluster ? [cluster.first, ...cluster.airings].filter((a) => a.id !== doc.id) : [];
      if (!others.length) {
        if (!doc.first_aired) section.append(h('p', { class: 'muted', id: 'no-reairs' }, 'No other airing of this segment was found.'));
        return;
      }
      section.append(
        h(
          'ul',
          { class: 'reair-list', id: 'reair-list' },
          others.map((a) =>
            h('li', {}, airingLink(a), a.similarity !== undefined ? h('span', { class: 'count', title: 'estimated similarity' }, `${Math.round(a.similarity * 100)}%`) : ''),
          ),
        ),
      );
    })
    .catch((e: unknown) => {
      if (isAbort(e)) return;
      done();
      const missing = e instanceof ApiError && e.status === 404;
      section.append(
        h('p', { class: 'muted', id: 'reairs-unavailable' }, missing ? 'Re-air detection is not available on this server.' : `Re-airs could not be loaded: ${(e as Error).message}`),
      );
    });
}
