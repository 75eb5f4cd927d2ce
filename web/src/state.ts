// The page's whole state lives in the URL's query string, so a reload or a shared link shows the
// same thing. parseState() and stateToUrl() are inverse; defaults are left out of the URL.

export type View = 'search' | 'doc' | 'coverage';
export type Sort = 'relevance' | 'date' | 'date-asc';

export interface State {
  view: View;
  q: string; // the search query (also the first coverage query)
  queries: string[]; // coverage: every compared query (queries[0] === q when q is set)
  from: string;
  to: string;
  shows: string[];
  sources: string[];
  sort: Sort;
  page: number; // 1-based
  per: number;
  id: string; // doc view
  interval: string; // coverage
  by: string; // coverage: '' | show | source
  norm: string; // coverage: '' (raw counts) | docs | words
  smooth: number; // coverage: moving average over this many intervals (1: none)
}

export const kPerPageChoices = [10, 20, 50];
export const kIntervals = ['day', 'week', 'month', 'year'];

export function defaultState(): State {
  return {
    view: 'search',
    q: '',
    queries: [],
    from: '',
    to: '',
    shows: [],
    sources: [],
    sort: 'relevance',
    page: 1,
    per: 10,
    id: '',
    interval: 'month',
    by: '',
    norm: '',
    smooth: 1,
  };
}

const kDate = /^\d{4}-\d{2}-\d{2}$/;

export function parseState(search: string): State {
  const p = new URLSearchParams(search);
  const s = defaultState();
  const view = p.get('view');
  if (view === 'doc' || view === 'coverage') s.view = view;
  const qs = p.getAll('q');
  s.q = qs[0] ?? '';
  s.queries = qs.filter((q, i) => i === 0 || q.trim() !== '');
  const from = p.get('from') ?? '';
  const to = p.get('to') ?? '';
  if (kDate.test(from)) s.from = from;
  if (kDate.test(to)) s.to = to;
  s.shows = p.getAll('show').filter(Boolean);
  s.sources = p.getAll('source').filter(Boolean);
  const sort = p.get('sort');
  if (sort === 'date' || sort === 'date-asc') s.sort = sort;
  const page = Number.parseInt(p.get('page') ?? '1', 10);
  if (Number.isFinite(page) && page >= 1) s.page = page;
  const per = Number.parseInt(p.get('per') ?? '', 10);
  if (kPerPageChoices.includes(per)) s.per = per;
  s.id = p.get('id') ?? '';
  const interval = p.get('interval') ?? '';
  if (kIntervals.includes(interval)) s.interval = interval;
  const by = p.get('by') ?? '';
  if (by === 'show' || by === 'source' || by === 'speaker') s.by = by;
  const norm = p.get('norm') ?? '';
  if (norm === 'docs' || norm === 'words') s.norm = norm;
  const smooth = Number.parseInt(p.get('smooth') ?? '1', 10);
  if ([1, 3, 6, 12].includes(smooth)) s.smooth = smooth;
  return s;
}

export function stateToUrl(s: State): string {
  const d = defaultState();
  const p = new URLSearchParams();
  if (s.view !== 'search') p.set('view', s.view);
  if (s.view === 'coverage') {
    const qs = s.queries.length ? s.queries : [s.q];
    for (const q of qs) p.append('q', q);
  } else if (s.q) {
    p.set('q', s.q);
  }
  if (s.from) p.set('from', s.from);
  if (s.to) p.set('to', s.to);
  if (s.view !== 'coverage') {
    for (const v of s.shows) p.append('show', v);
    for (const v of s.sources) p.append('source', v);
    if (s.sort !== d.sort) p.set('sort', s.sort);
    if (s.page !== 1) p.set('page', String(s.page));
    if (s.per !== d.per) p.set('per', String(s.per));
  }
  if (s.view === 'doc' && s.id) p.set('id', s.id);
  if (s.view === 'coverage') {
    if (s.interval !== d.interval) p.set('interval', s.interval);
    if (s.by) p.set('by', s.by);
    if (s.norm) p.set('norm', s.norm);
    if (s.smooth !== 1) p.set('smooth', String(s.smooth));
  }
  const qs = p.toString();
  return qs ? `?${qs}` : './';
}

// Quotes a filter value for the query language: a bare word when it is one, a phrase otherwise.
export function fieldValue(value: string): string {
  return /^[\p{L}\p{N}_.-]+$/u.test(value) ? value : `"${value.replace(/["“”]/g, ' ')}"`;
}

// The query sent to the server: the user's query with the show and source filters added. The
// user's text comes first inside parentheses so that its operators keep their meaning.
export function composeQuery(q: string, shows: string[], sources: string[]): string {
  const parts: string[] = [];
  const group = (field: string, values: string[]) =>
    values.length === 1
      ? `${field}:${fieldValue(values[0])}`
      : `(${values.map((v) => `${field}:${fieldValue(v)}`).join(' OR ')})`;
  if (shows.length) parts.push(group('show', shows));
  if (sources.length) parts.push(group('source', sources));
  if (!parts.length) return q;
  return q.trim() ? `(${q}) ${parts.join(' ')}` : parts.join(' ');
}

// A link to a search for `q`, keeping nothing else: used for entity and speaker links.
export function searchLink(q: string): string {
  return stateToUrl({ ...defaultState(), q });
}
