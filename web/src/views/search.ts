// The search view: the query box (syntax help one click away, errors at their column), filters
// (dates, shows, sources), sort, one page of hits and the pager. Only one page of hits is ever
// requested or rendered, so a query matching every document costs the same as one matching ten.
import { h, clear, safeSnippet, formatNumber, restoreFocus } from '../dom';
import { ApiError, getFacets, isAbort, search, type Facets, type FacetValue, type SearchResult } from '../api';
import { composeQuery, defaultState, kPerPageChoices, stateToUrl, type Sort, type State } from '../state';
import { renderHelp } from '../help';
import { renderQueryError, hideQueryError } from './query-error';
import type { Ctx } from '../main';

// The server refuses offsets above this (GET /api/search `offset` ≤ 100000).
const kMaxOffset = 100000;

let facetsPromise: Promise<Facets | null> | null = null;
function facets(): Promise<Facets | null> {
  // Shows and sources change only when documents are added: fetch once per page load.
  facetsPromise ??= getFacets().catch(() => null);
  return facetsPromise;
}

export function renderSearch(root: HTMLElement, ctx: Ctx): void {
  const { state, navigate, signal } = ctx;
  ctx.setTitle(state.q ? `“${state.q}”` : '');
  const go = (patch: Partial<State>) => navigate({ ...state, view: 'search', page: 1, ...patch });

  const input = h('input', {
    id: 'q',
    name: 'q',
    type: 'search',
    value: state.q,
    autocomplete: 'off',
    spellcheck: 'false',
    placeholder: 'e.g. "phone call" putin show:WNT',
    'aria-describedby': 'query-error',
  });
  const errorBox = h('div', { id: 'query-error', class: 'query-error', role: 'alert', hidden: true });
  const help = renderHelp((example) => {
    input.value = example;
    go({ q: example });
  });
  help.hidden = true;
  const helpButton = h(
    'button',
    {
      type: 'button',
      id: 'syntax-button',
      class: 'secondary',
      'aria-expanded': 'false',
      'aria-controls': 'syntax-help',
      onclick: () => {
        help.hidden = !help.hidden;
        helpButton.setAttribute('aria-expanded', String(!help.hidden));
        if (!help.hidden) (help.querySelector('button') as HTMLButtonElement | null)?.focus();
      },
    },
    'Syntax',
  );
  help.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      help.hidden = true;
      helpButton.setAttribute('aria-expanded', 'false');
      helpButton.focus();
    }
  });
  const form = h(
    'form',
    { role: 'search', class: 'searchbar', 'aria-label': 'Search transcripts' },
    h('label', { for: 'q', class: 'visually-hidden' }, 'Query'),
    input,
    h('button', { type: 'submit', id: 'search-button' }, 'Search'),
    helpButton,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    go({ q: input.value });
  });

  const filters = renderFilters(state, go);
  const status = h('p', { id: 'result-status', class: 'result-status', role: 'status', 'aria-live': 'polite' });
  const list = h('div', { id: 'results' });
  const pager = h('nav', { class: 'pager', 'aria-label': 'Result pages' });
  const results = h('section', { class: 'results', 'aria-labelledby': 'result-status' }, status, list, pager);

  root.append(
    h('h1', { class: 'visually-hidden' }, 'Search'),
    form,
    errorBox,
    help,
    h('div', { class: 'search-layout' }, filters, results),
  );

  const sent = composeQuery(state.q, state.shows, state.sources);
  if (!sent.trim()) {
    renderLanding(list);
    if (!state.q) input.focus();
    return;
  }

  const offset = (state.page - 1) * state.per;
  if (offset > kMaxOffset) {
    status.textContent = `Pages past result ${formatNumber(kMaxOffset)} are not available; narrow the query or sort by date.`;
    return;
  }
  results.setAttribute('aria-busy', 'true');
  status.textContent = 'Searching…';
  status.classList.add('loading');
  const started = performance.now();
  search({ q: sent, limit: state.per, offset, from: state.from, to: state.to, sort: state.sort }, signal)
    .then((r) => {
      renderResults(r, state, status, list, pager, performance.now() - started);
    })
    .catch(async (e: unknown) => {
      if (isAbort(e)) return;
      clear(list);
      status.textContent = '';
      if (e instanceof ApiError && e.status === 400 && e.code !== 'usage') {
        // The error's column is in the query the server saw. With filters added, ask again for the
        // user's own text so that the column points into what the user typed.
        let err = e;
        let where = sent;
        if (sent !== state.q && state.q.trim()) {
          try {
            await search({ q: state.q, limit: 1, offset: 0 }, signal);
            where = sent;
          } catch (e2) {
            if (isAbort(e2)) return;
            if (e2 instanceof ApiError) {
              err = e2;
              where = state.q;
            }
          }
        }
        input.setAttribute('aria-invalid', 'true');
        renderQueryError(errorBox, where, err.message, err.column);
        if (where !== state.q) errorBox.prepend(h('p', {}, 'The show or source filters made the query invalid:'));
        status.textContent = 'No results: the query has an error.';
        if (err.column && where === state.q) selectColumn(input, err.column);
      } else {
        hideQueryError(errorBox);
        renderFailure(list, e, () => ctx.navigate(state, { replace: true }));
        status.textContent = 'The search failed.';
      }
    })
    .finally(() => {
      if (signal.aborted) return;
      results.removeAttribute('aria-busy');
      status.classList.remove('loading');
    });
}

// Puts the input's caret on the error's (byte) column so a keyboard user can fix it in place.
function selectColumn(input: HTMLInputElement, column: number): void {
  const bytes = new TextEncoder().encode(input.value);
  const prefix = new TextDecoder().decode(bytes.slice(0, Math.max(0, column - 1)));
  const at = Math.min(prefix.length, input.value.length);
  input.focus();
  input.setSelectionRange(at, Math.min(at + 1, input.value.length));
}

function renderLanding(list: HTMLElement): void {
  const examples = ['"phone call" putin', 'entity:"Kim Jong Un" summit', 'hurricane show:WNT', 'speaker:trump role:soundbite', 'robust:"do not congratulate"'];
  list.append(
    h(
      'div',
      { class: 'landing' },
      h('p', {}, 'Search the transcripts: words, "phrases", AND / OR / NOT, and fields such as show:, date:, speaker:, entity:. Try:'),
      h(
        'ul',
        {},
        examples.map((q) => h('li', {}, h('a', { href: stateToUrl({ ...defaultState(), q }) }, h('code', {}, q)))),
      ),
    ),
  );
}

export function renderFailure(list: HTMLElement, e: unknown, retry: () => void): void {
  const message = e instanceof Error ? e.message : String(e);
  list.append(
    h(
      'div',
      { class: 'failure', role: 'alert' },
      h('p', {}, h('strong', {}, 'Something went wrong: '), message),
      h('button', { type: 'button', onclick: retry }, 'Try again'),
    ),
  );
}

function renderResults(
  r: SearchResult,
  state: State,
  status: HTMLElement,
  list: HTMLElement,
  pager: HTMLElement,
  elapsedMs: number,
): void {
  clear(list);
  clear(status);
  const offset = (state.page - 1) * state.per;
  const count = `${r.total_exact ? '' : 'at least '}${formatNumber(r.total)} ${r.total === 1 ? 'hit' : 'hits'}`;
  status.append(
    h('span', { id: 'hit-count', 'data-total': r.total }, count),
    r.hits.length ? ` · showing ${formatNumber(offset + 1)}–${formatNumber(offset + r.hits.length)}` : '',
    h('span', { class: 'took', title: `round trip ${elapsedMs.toFixed(0)} ms` }, ` · ${r.took_ms.toFixed(1)} ms`),
    ' · ',
    h('a', { href: stateToUrl({ ...state, view: 'coverage', queries: [composeQuery(state.q, state.shows, state.sources)] }) }, 'coverage over time'),
  );
  if (!r.hits.length) {
    list.append(
      h(
        'p',
        { class: 'empty' },
        r.total > 0 ? 'No hits on this page. ' : 'Nothing matches. ',
        'Check the spelling, remove a filter, or use OR for alternatives.',
      ),
    );
  } else {
    const ol = h('ol', { class: 'hits', start: offset + 1 });
    for (const hit of r.hits) {
      const link = stateToUrl({ ...state, view: 'doc', id: hit.id });
      ol.append(
        h(
          'li',
          { class: 'hit' },
          h('h2', { class: 'hit-title' }, h('a', { href: link }, hit.title || '(untitled)')),
          h(
            'p',
            { class: 'hit-meta' },
            hit.show ? h('span', { class: 'show' }, hit.show) : '',
            hit.source ? h('span', { class: 'source' }, hit.source) : '',
            hit.date ? h('time', { datetime: hit.date }, hit.date) : h('span', {}, 'no date'),
            state.sort === 'relevance' ? h('span', { class: 'score', title: 'BM25 score' }, `score ${hit.score.toFixed(2)}`) : '',
          ),
          hit.snippets.map((s) => h('p', { class: 'snippet' }, safeSnippet(s))),
          hit.approximate?.length
            ? h(
                'p',
                { class: 'approx-list' },
                'Matched despite caption errors: ',
                hit.approximate.map((a, i) => [i ? ', ' : '', h('q', {}, a.text), ` ≈ ${a.matches} (${a.how})`]),
              )
            : '',
        ),
      );
    }
    list.append(ol);
  }
  renderPager(pager, state, r.total);
}

function renderPager(pager: HTMLElement, state: State, total: number): void {
  clear(pager);
  const lastPage = Math.max(1, Math.min(Math.ceil(total / state.per), Math.floor(kMaxOffset / state.per) + 1));
  if (lastPage <= 1) return;
  const link = (page: number, label: string, extra: Record<string, string> = {}) =>
    h('a', { href: stateToUrl({ ...state, page }), class: 'page', ...extra }, label);
  const items: HTMLElement[] = [];
  if (state.page > 1) items.push(link(state.page - 1, '← Previous', { rel: 'prev', id: 'page-prev' }));
  const pages = new Set([1, lastPage]);
  for (let p = state.page - 2; p <= state.page + 2; p++) if (p >= 1 && p <= lastPage) pages.add(p);
  let previous = 0;
  for (const p of [...pages].sort((a, b) => a - b)) {
    if (p - previous > 1) items.push(h('span', { class: 'gap', 'aria-hidden': 'true' }, '…'));
    items.push(
      p === state.page
        ? h('span', { class: 'page current', 'aria-current': 'page' }, String(p))
        : link(p, String(p), { 'aria-label': `Page ${p}` }),
    );
    previous = p;
  }
  if (state.page < lastPage) items.push(link(state.page + 1, 'Next →', { rel: 'next', id: 'page-next' }));
  pager.append(...items);
}

function renderFilters(state: State, go: (patch: Partial<State>) => void): HTMLElement {
  const from = h('input', { type: 'date', id: 'from', value: state.from, max: state.to || null });
  const to = h('input', { type: 'date', id: 'to', value: state.to, min: state.from || null });
  from.addEventListener('change', () => go({ from: from.value }));
  to.addEventListener('change', () => go({ to: to.value }));
  const sort = h(
    'select',
    { id: 'sort' },
    (
      [
        ['relevance', 'Relevance'],
        ['date', 'Newest first'],
        ['date-asc', 'Oldest first'],
      ] as [Sort, string][]
    ).map(([v, label]) => h('option', { value: v, selected: state.sort === v }, label)),
  );
  sort.addEventListener('change', () => go({ sort: sort.value as Sort }));
  const per = h(
    'select',
    { id: 'per' },
    kPerPageChoices.map((n) => h('option', { value: n, selected: state.per === n }, String(n))),
  );
  per.addEventListener('change', () => go({ per: Number(per.value) }));

  const shows = h('fieldset', { class: 'facet', id: 'facet-show' }, h('legend', {}, 'Shows'), h('p', { class: 'muted' }, 'Loading…'));
  const sources = h('fieldset', { class: 'facet', id: 'facet-source' }, h('legend', {}, 'Sources'), h('p', { class: 'muted' }, 'Loading…'));
  void facets().then((f) => {
    fillFacet(shows, 'show', f?.shows ?? null, state.shows, (v) => go({ shows: v }));
    fillFacet(sources, 'source', f?.sources ?? null, state.sources, (v) => go({ sources: v }));
    restoreFocus();
  });

  const active = state.from || state.to || state.shows.length || state.sources.length;
  return h(
    'aside',
    { class: 'filters', 'aria-label': 'Filters and sort' },
    h(
      'details',
      // On a phone the filters start folded so that the hits come first.
      { class: 'filters-box', open: Boolean(active) || !window.matchMedia('(max-width: 760px)').matches },
      h('summary', {}, 'Filters and sort', active ? h('span', { class: 'badge' }, 'on') : ''),
      h(
        'fieldset',
        { class: 'dates' },
        h('legend', {}, 'Dates'),
        h('label', { for: 'from' }, 'From'),
        from,
        h('label', { for: 'to' }, 'To'),
        to,
      ),
      h('div', { class: 'row' }, h('label', { for: 'sort' }, 'Sort by'), sort),
      h('div', { class: 'row' }, h('label', { for: 'per' }, 'Hits per page'), per),
      shows,
      sources,
      active
        ? h(
            'button',
            { type: 'button', class: 'secondary', id: 'clear-filters', onclick: () => go({ from: '', to: '', shows: [], sources: [] }) },
            'Clear filters',
          )
        : '',
    ),
  );
}

function fillFacet(
  box: HTMLFieldSetElement,
  field: string,
  values: FacetValue[] | null,
  selected: string[],
  apply: (values: string[]) => void,
): void {
  box.querySelector('p.muted')?.remove();
  // Values in the URL that the index does not list (typed by hand) stay selectable.
  const all: FacetValue[] = [...(values ?? [])];
  for (const v of selected) if (!all.some((f) => f.value === v)) all.push({ value: v, count: 0 });
  if (!all.length) {
    box.append(h('p', { class: 'muted' }, values === null ? `Not available; type ${field}:NAME in the query.` : 'None in the index.'));
    return;
  }
  const list = h('div', { class: 'facet-values' });
  all.forEach((v, i) => {
    const id = `${field}-${i}`;
    const box2 = h('input', { type: 'checkbox', id, value: v.value, checked: selected.includes(v.value) });
    box2.addEventListener('change', () => {
      const next = box2.checked ? [...selected, v.value] : selected.filter((s) => s !== v.value);
      apply(next);
    });
    list.append(
      h(
        'div',
        { class: 'facet-value', 'data-value': v.value.toLowerCase() },
        box2,
        h('label', { for: id }, v.value, v.count ? h('span', { class: 'count' }, formatNumber(v.count)) : ''),
      ),
    );
  });
  // A long list gets a box that narrows it as you type (the checked values always stay).
  if (all.length > kFacetFilterFrom) {
    const filter = h('input', {
      type: 'search',
      id: `facet-${field}-filter`,
      class: 'facet-filter',
      placeholder: `Find a ${field}…`,
      'aria-label': `Find a ${field} in the list`,
      autocomplete: 'off',
    });
    const shown = h('p', { class: 'muted facet-shown', 'aria-live': 'polite' });
    filter.addEventListener('input', () => {
      const needle = filter.value.trim().toLowerCase();
      let visible = 0;
      for (const row of list.querySelectorAll<HTMLElement>('.facet-value')) {
        const keep = !needle || row.dataset.value!.includes(needle) || (row.querySelector('input') as HTMLInputElement).checked;
        row.hidden = !keep;
        if (keep) visible++;
      }
      shown.textContent = needle ? `${visible} of ${all.length}` : '';
    });
    box.append(filter, shown);
  }
  box.append(list);
}

// Lists longer than this get a find-as-you-type box.
const kFacetFilterFrom = 8;
