// Typed calls to the `newsdex serve` JSON API. Every call takes an AbortSignal so that a newer
// request can cancel an older one; every failure becomes an ApiError carrying the server's error
// code, message and (for query errors) the 1-based column.

export interface Hit {
  id: string;
  title: string;
  date: string;
  show: string;
  source: string;
  score: number;
  snippets: string[];
  // Present when a fuzzy, sound or robust clause matched a caption error: what the transcript
  // says, the query word it matched, and how ("fuzzy", "sound", "prefix").
  approximate?: { text: string; matches: string; how: string }[];
}

export interface SearchResult {
  query: string;
  total: number;
  total_exact: boolean;
  took_ms: number;
  hits: Hit[];
}

export interface Turn {
  start: number;
  end: number;
  speaker: string | null;
  label: string;
  role: string;
  time_ms?: number;
  confidence?: number;
  evidence?: string;
}

export interface Quote {
  start: number;
  end: number;
  text: string;
  speaker: string | null;
  medium: string | null;
  kind: string;
  confidence: number;
  evidence: string;
}

export interface Entity {
  name: string;
  type: string;
  aliases: string[];
  mentions: { start: number; end: number }[];
}

export interface Markup {
  start: number;
  end: number;
  kind: string;
}

export interface Document {
  id: string;
  source: string;
  show: string;
  date: string;
  time: string;
  title: string;
  url: string;
  language: string;
  body: string;
  clean_text?: string;
  turns: Turn[];
  cues: { start: number; end: number; start_ms: number; end_ms: number }[];
  markup: Markup[];
  meta: Record<string, unknown>;
  quotes: Quote[];
  entities: Entity[];
  // Caption repairs: byte ranges of `body` the cleaned reading leaves out (stutters, doubled
  // words, fillers).
  repairs?: { start: number; end: number; kind: string }[];
  // Set when the document re-airs an earlier one (docs/analytics.md, re-airs); absent on servers
  // without the analytics API.
  first_aired?: Airing | null;
  // With `q`: where that query matched the body (byte offsets; a phrase as a whole), and the
  // words that matched approximately (a caption error found by fuzzy, sound or robust matching).
  matches?: { start: number; end: number; approximate: { text: string; matches: string; how: string }[] }[];
}

export interface Airing {
  id: string;
  date: string;
  show: string;
  title?: string;
  similarity?: number;
}

export interface ReairClusters {
  clusters: { first: Airing; airings: Airing[] }[];
}

export interface Stats {
  documents: number;
  terms: number;
  bytes: number;
  first_date: string;
  last_date: string;
  analysis?: string;
  generation: number;
  segments: number;
}

export interface FacetValue {
  value: string;
  count: number;
}

export interface Facets {
  shows: FacetValue[];
  sources: FacetValue[];
}

export interface TimelineBucket {
  start: string;
  count: number;
  mentions?: number;
  share?: number;
  series?: string;
  [key: string]: unknown;
}

// GET /api/timeline (docs/analytics.md): every series zero-filled over the same bucket starts.
export interface Timeline {
  buckets: TimelineBucket[];
  series?: string[];
  queries?: string[];
  interval?: string;
  undated?: number;
  [key: string]: unknown;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly column?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function isAbort(e: unknown): boolean {
  return e instanceof DOMException && e.name === 'AbortError';
}

async function getJson<T>(path: string, params: URLSearchParams | null, signal?: AbortSignal): Promise<T> {
  const url = params && [...params.keys()].length ? `${path}?${params.toString()}` : path;
  let res: Response;
  try {
    res = await fetch(url, { signal, headers: { Accept: 'application/json' } });
  } catch (e) {
    if (isAbort(e)) throw e;
    throw new ApiError(0, 'network', `cannot reach the server (${(e as Error).message})`);
  }
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // A non-JSON answer (an HTML error page from a proxy, or the page itself for an unknown path).
  }
  if (!res.ok) {
    const err = (body as { error?: { code?: string; message?: string; column?: number } } | null)?.error;
    throw new ApiError(
      res.status,
      err?.code ?? `http_${res.status}`,
      err?.message ?? `${res.status} ${res.statusText || 'error'} from ${path}`,
      err?.column,
    );
  }
  if (body === null) throw new ApiError(res.status, 'bad_response', `${path} did not answer JSON`);
  return body as T;
}

export interface SearchParams {
  q: string;
  limit: number;
  offset: number;
  from?: string;
  to?: string;
  sort?: string;
}

export function search(p: SearchParams, signal?: AbortSignal): Promise<SearchResult> {
  const params = new URLSearchParams({ q: p.q, limit: String(p.limit), offset: String(p.offset) });
  if (p.from) params.set('from', p.from);
  if (p.to) params.set('to', p.to);
  if (p.sort && p.sort !== 'relevance') params.set('sort', p.sort);
  return getJson<SearchResult>('api/search', params, signal);
}

// With a query, the document says where it matched (`matches`); a query the server refuses (it was
// edited into the URL) only loses the marks.
export async function getDocument(id: string, query: string, signal?: AbortSignal): Promise<Document> {
  const path = `api/docs/${encodeURIComponent(id)}`;
  if (!query.trim()) return getJson<Document>(path, null, signal);
  try {
    return await getJson<Document>(path, new URLSearchParams({ q: query }), signal);
  } catch (e) {
    if (e instanceof ApiError && e.status === 400) return getJson<Document>(path, null, signal);
    throw e;
  }
}

export function getStats(signal?: AbortSignal): Promise<Stats> {
  return getJson<Stats>('api/stats', null, signal);
}

export function getFacets(signal?: AbortSignal): Promise<Facets> {
  return getJson<Facets>('api/facets', null, signal);
}

export interface TimelineParams {
  queries: string[];
  interval: string;
  by: string;
  normalize: string;
  smooth?: number;
  from?: string;
  to?: string;
}

export function getTimeline(p: TimelineParams, signal?: AbortSignal): Promise<Timeline> {
  const params = new URLSearchParams();
  for (const q of p.queries) params.append('q', q);
  params.set('interval', p.interval);
  if (p.by) params.set('by', p.by);
  if (p.normalize) params.set('normalize', p.normalize);
  if (p.smooth && p.smooth > 1) params.set('smooth', String(p.smooth));
  if (p.from) params.set('from', p.from);
  if (p.to) params.set('to', p.to);
  return getJson<Timeline>('api/timeline', params, signal);
}

export function getComentions(q: string, limit: number, signal?: AbortSignal): Promise<Record<string, unknown>> {
  return getJson<Record<string, unknown>>('api/comentions', new URLSearchParams({ q, limit: String(limit) }), signal);
}

// The airings of one document: at most one cluster, holding it and every document similar to it.
export function getReairsOf(id: string, signal?: AbortSignal): Promise<ReairClusters> {
  return getJson<ReairClusters>('api/reairs', new URLSearchParams({ id }), signal);
}
