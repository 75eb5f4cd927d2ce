// The coverage view: how often one or more queries occur over time (raw counts, or normalised by
// the documents or words of each interval), optionally split by show or source, with the terms
// and entities that co-occur with the first query, and a CSV or PNG download of what is shown.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { h, clear, formatNumber } from '../dom';
import { ApiError, getComentions, getTimeline, isAbort, search, type Timeline, type TimelineBucket } from '../api';
import { kIntervals, searchLink, type State } from '../state';
import { renderQueryError } from './query-error';
import { renderFailure } from './search';
import type { Ctx } from '../main';

const kPalette = ['#1f6feb', '#d1242f', '#1a7f37', '#9a6700', '#8250df', '#bf3989', '#0a7a8a', '#57606a'];
const kMaxQueries = 6;

export interface SeriesData {
  name: string;
  values: Map<string, number>; // bucket start → value
}

export interface ChartData {
  starts: string[]; // sorted bucket starts (YYYY-MM-DD)
  series: SeriesData[];
  valueLabel: string;
}

// Groups the API's buckets into one series per `series` name (one per query, or per query and
// show/source), with the value the normalisation asks for.
export function toChartData(t: Timeline, norm: string, queries: string[]): ChartData {
  const starts = new Set<string>();
  const byName = new Map<string, SeriesData>();
  const pick = (b: TimelineBucket): number => {
    if (norm && typeof b.share === 'number') return b.share;
    return typeof b.count === 'number' ? b.count : 0;
  };
  for (const b of t.buckets ?? []) {
    const name = seriesName(b, queries);
    starts.add(b.start);
    let s = byName.get(name);
    if (!s) byName.set(name, (s = { name, values: new Map() }));
    s.values.set(b.start, (s.values.get(b.start) ?? 0) + pick(b));
  }
  const valueLabel = norm === 'docs' ? 'share of documents' : norm === 'words' ? 'mentions per word' : 'documents';
  // Keep the API's series order (each query's groups, most documents first).
  const order = (t.series ?? []).map(String);
  const series = [...byName.values()].sort((a, b) => rank(order, a.name) - rank(order, b.name));
  return { starts: [...starts].sort(), series, valueLabel };
}

function rank(order: string[], name: string): number {
  const i = order.indexOf(name);
  return i < 0 ? order.length : i;
}

function seriesName(b: TimelineBucket, queries: string[]): string {
  const parts: string[] = [];
  if (typeof b.query === 'string' && queries.length > 1) parts.push(b.query);
  if (typeof b.series === 'string' && b.series) parts.push(b.series);
  return parts.join(' · ') || queries[0] || 'all';
}

export function toCsv(data: ChartData): string {
  const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = [`start,series,${quote(data.valueLabel)}`];
  for (const start of data.starts)
    for (const s of data.series) lines.push(`${start},${quote(s.name)},${s.values.get(start) ?? 0}`);
  return lines.join('\n') + '\n';
}

function download(name: string, blob: Blob): void {
  const a = h('a', { href: URL.createObjectURL(blob), download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
}

export function renderCoverage(root: HTMLElement, ctx: Ctx): void {
  const { state, navigate, signal } = ctx;
  const queries = state.queries.length ? [...state.queries] : [state.q];
  ctx.setTitle(queries[0] ? `Coverage of “${queries[0]}”` : 'Coverage');

  const rows = h('div', { class: 'cov-queries' });
  const addRow = (value: string) => {
    const n = rows.children.length + 1;
    const input = h('input', { type: 'search', class: 'cov-q', id: `cov-q-${n}`, value, autocomplete: 'off', spellcheck: 'false', 'aria-label': `Query ${n}` });
    const swatch = h('span', { class: 'swatch', style: `background:${kPalette[(n - 1) % kPalette.length]}`, 'aria-hidden': 'true' });
    const remove = h('button', { type: 'button', class: 'secondary icon', 'aria-label': `Remove query ${n}`, title: 'Remove' }, '×');
    const row = h('div', { class: 'cov-row' }, swatch, input, remove);
    remove.addEventListener('click', () => {
      if (rows.children.length > 1) row.remove();
      else input.value = '';
      (rows.querySelector('input') as HTMLInputElement | null)?.focus();
    });
    rows.append(row);
    return input;
  };
  queries.forEach((q) => addRow(q));
  const addButton = h('button', { type: 'button', class: 'secondary', id: 'add-query' }, '+ Compare another query');
  addButton.addEventListener('click', () => {
    if (rows.children.length >= kMaxQueries) return;
    addRow('').focus();
  });

  const select = (id: string, label: string, value: string, options: [string, string][]) => {
    const el = h('select', { id }, options.map(([v, text]) => h('option', { value: v, selected: v === value }, text)));
    return { el, wrap: h('div', { class: 'row' }, h('label', { for: id }, label), el) };
  };
  const interval = select('interval', 'Interval', state.interval, kIntervals.map((i) => [i, i[0].toUpperCase() + i.slice(1)]));
  const by = select('by', 'Split by', state.by, [
    ['', 'Nothing'],
    ['show', 'Show'],
    ['source', 'Source'],
    ['speaker', 'Speaker'],
  ]);
  const norm = select('norm', 'Values', state.norm, [
    ['', 'Raw counts (documents)'],
    ['docs', 'Share of the documents'],
    ['words', 'Mentions per word'],
  ]);
  const smooth = select('smooth', 'Smoothing', String(state.smooth), [
    ['1', 'None'],
    ['3', '3 intervals'],
    ['6', '6 intervals'],
    ['12', '12 intervals'],
  ]);
  smooth.el.disabled = !state.norm; // the API smooths the normalised share only
  smooth.el.title = state.norm ? '' : 'Smoothing applies to normalised values';
  const from = h('input', { type: 'date', id: 'cov-from', value: state.from });
  const to = h('input', { type: 'date', id: 'cov-to', value: state.to });

  const form = h(
    'form',
    { class: 'coverage-form', id: 'coverage-form', 'aria-label': 'Coverage query' },
    h('fieldset', {}, h('legend', {}, 'Queries'), rows, addButton),
    h(
      'fieldset',
      { class: 'cov-options' },
      h('legend', {}, 'Options'),
      interval.wrap,
      by.wrap,
      norm.wrap,
      smooth.wrap,
      h('div', { class: 'row' }, h('label', { for: 'cov-from' }, 'From'), from),
      h('div', { class: 'row' }, h('label', { for: 'cov-to' }, 'To'), to),
    ),
    h('button', { type: 'submit', id: 'coverage-button' }, 'Show coverage'),
  );
  const apply = () => {
    const qs = [...rows.querySelectorAll<HTMLInputElement>('input.cov-q')].map((i) => i.value).filter((q) => q.trim());
    navigate({ ...state, view: 'coverage', q: qs[0] ?? '', queries: qs, interval: interval.el.value, by: by.el.value, norm: norm.el.value, smooth: Number(smooth.el.value), from: from.value, to: to.value });
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    apply();
  });
  for (const el of [interval.el, by.el, norm.el, smooth.el, from, to]) el.addEventListener('change', apply);

  const errorBox = h('div', { id: 'coverage-error', class: 'query-error', role: 'alert', hidden: true });
  const status = h('p', { id: 'coverage-status', class: 'result-status', role: 'status', 'aria-live': 'polite' });
  const chart = h('div', { id: 'chart', class: 'chart' });
  const csvButton = h('button', { type: 'button', class: 'secondary', id: 'download-csv', disabled: true }, 'Download CSV');
  const pngButton = h('button', { type: 'button', class: 'secondary', id: 'download-png', disabled: true }, 'Download PNG');
  const table = h('div', { class: 'table-wrap' });
  const comentions = h('section', { class: 'comentions', 'aria-labelledby': 'comentions-title' }, h('h2', { id: 'comentions-title' }, 'Mentioned alongside'));

  root.append(
    h('h1', {}, 'Coverage over time'),
    h('div', { class: 'coverage-layout' }, form, h('div', { class: 'coverage-main' }, errorBox, status, h('figure', { class: 'chart-figure' }, chart, h('figcaption', { id: 'chart-caption' })), h('div', { class: 'downloads' }, csvButton, pngButton), h('details', { class: 'data-table' }, h('summary', {}, 'Data table'), table), comentions)),
  );

  const active = queries.filter((q) => q.trim());
  if (!active.length) {
    status.textContent = 'Type a query to see how often it occurs over time; add more queries to compare them.';
    comentions.hidden = true;
    (rows.querySelector('input') as HTMLInputElement | null)?.focus();
    return;
  }

  status.textContent = 'Counting…';
  status.classList.add('loading');
  chart.setAttribute('aria-busy', 'true');
  getTimeline({ queries: active, interval: state.interval, by: state.by, normalize: state.norm, smooth: state.norm ? state.smooth : 1, from: state.from, to: state.to }, signal)
    .then((t) => {
      const data = toChartData(t, state.norm, active);
      const total = data.series.reduce((sum, s) => sum + [...s.values.values()].reduce((a, b) => a + b, 0), 0);
      status.textContent = data.starts.length
        ? `${data.series.length} ${data.series.length === 1 ? 'series' : 'series'} over ${data.starts.length} ${state.interval}s` +
          (state.norm ? '' : ` · ${formatNumber(total)} documents in all`) +
          (typeof t.undated === 'number' && t.undated > 0 ? ` · ${formatNumber(t.undated)} matching documents have no date` : '')
        : 'Nothing matches: no coverage to show.';
      const caption = document.getElementById('chart-caption');
      if (caption) caption.textContent = `${active.map((q) => `“${q}”`).join(' vs ')} — ${data.valueLabel} per ${state.interval}${state.by ? `, by ${state.by}` : ''}`;
      if (!data.starts.length) return;
      const plot = drawChart(chart, data, state, signal);
      renderTable(table, data);
      csvButton.disabled = false;
      pngButton.disabled = false;
      csvButton.addEventListener('click', () => download(`newsdex-coverage.csv`, new Blob([toCsv(data)], { type: 'text/csv' })));
      pngButton.addEventListener('click', () => exportPng(plot, data, caption?.textContent ?? ''));
    })
    .catch(async (e: unknown) => {
      if (isAbort(e)) return;
      status.textContent = '';
      if (e instanceof ApiError && e.status === 404) {
        status.append(
          h('span', { id: 'coverage-unavailable' }, 'Coverage analytics are not available on this server (GET /api/timeline answered 404).'),
        );
        return;
      }
      if (e instanceof ApiError && e.status === 400) {
        // Find which query is wrong by asking the search endpoint about each, so the error can
        // be shown under that query at its column.
        for (const [i, q] of active.entries()) {
          try {
            await search({ q, limit: 1, offset: 0 }, signal);
          } catch (e2) {
            if (isAbort(e2)) return;
            if (e2 instanceof ApiError && e2.status === 400) {
              renderQueryError(errorBox, q, `query ${i + 1}: ${e2.message}`, e2.column);
              return;
            }
          }
        }
        renderQueryError(errorBox, '', e.message);
        return;
      }
      renderFailure(chart, e, () => navigate(state, { replace: true }));
    })
    .finally(() => {
      if (signal.aborted) return;
      status.classList.remove('loading');
      chart.removeAttribute('aria-busy');
    });
  loadComentions(comentions, active[0], signal);
}

function drawChart(el: HTMLElement, data: ChartData, state: State, signal: AbortSignal): uPlot {
  clear(el);
  const xs = data.starts.map((s) => Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10)) / 1000);
  const ys = data.series.map((s) => data.starts.map((start) => s.values.get(start) ?? 0));
  const width = () => Math.max(280, el.clientWidth || 600);
  const fmt = (v: number) => (state.norm ? (v * 100).toPrecision(3) + '%' : formatNumber(v));
  const opts: uPlot.Options = {
    width: width(),
    height: 320,
    scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] } },
    axes: [{}, { values: (_u, vals) => vals.map((v) => fmt(v)), size: 64 }],
    series: [
      { label: state.interval, value: (_u, v) => (v == null ? '' : new Date(v * 1000).toISOString().slice(0, state.interval === 'year' ? 4 : state.interval === 'month' ? 7 : 10)) },
      ...data.series.map((s, i) => ({
        label: s.name,
        stroke: kPalette[i % kPalette.length],
        width: 2,
        points: { show: data.starts.length <= 60 },
        value: (_u: uPlot, v: number | null) => (v == null ? '' : fmt(v)),
      })),
    ],
  };
  const plot = new uPlot(opts, [xs, ...ys], el);
  const resize = new ResizeObserver(() => plot.setSize({ width: width(), height: 320 }));
  resize.observe(el);
  signal.addEventListener('abort', () => {
    resize.disconnect();
    plot.destroy();
  });
  return plot;
}

// A day-by-day timeline over decades has tens of thousands of buckets: the table shows the last
// kMaxTableRows of them (the CSV has all), so that opening it never stalls the page.
const kMaxTableRows = 500;

function renderTable(wrap: HTMLElement, data: ChartData): void {
  clear(wrap);
  const starts = data.starts.slice(-kMaxTableRows);
  if (starts.length < data.starts.length)
    wrap.append(h('p', { class: 'muted' }, `The last ${formatNumber(starts.length)} of ${formatNumber(data.starts.length)} intervals; the CSV has them all.`));
  wrap.append(
    h(
      'table',
      { id: 'coverage-table' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Start'), data.series.map((s) => h('th', { scope: 'col' }, s.name)))),
      h(
        'tbody',
        {},
        starts.map((start) =>
          h('tr', {}, h('th', { scope: 'row' }, start), data.series.map((s) => h('td', {}, String(+(s.values.get(start) ?? 0).toPrecision(6))))),
        ),
      ),
    ),
  );
}

// The chart canvas plus a title and the legend, on white, as a PNG.
function exportPng(plot: uPlot, data: ChartData, caption: string): void {
  const src = plot.ctx.canvas;
  const ratio = src.width / plot.width;
  const legendRows = data.series.length;
  const pad = 12 * ratio;
  const line = 18 * ratio;
  const canvas = document.createElement('canvas');
  canvas.width = src.width + 2 * pad;
  canvas.height = src.height + 2 * pad + line * (legendRows + 1);
  const c = canvas.getContext('2d');
  if (!c) return;
  c.fillStyle = '#fff';
  c.fillRect(0, 0, canvas.width, canvas.height);
  c.fillStyle = '#111';
  c.font = `${14 * ratio}px sans-serif`;
  c.fillText(caption, pad, pad + 12 * ratio);
  c.drawImage(src, pad, pad + line);
  data.series.forEach((s, i) => {
    const y = pad + line + src.height + line * (i + 1);
    c.fillStyle = kPalette[i % kPalette.length];
    c.fillRect(pad, y - 10 * ratio, 12 * ratio, 12 * ratio);
    c.fillStyle = '#111';
    c.fillText(s.name, pad + 18 * ratio, y);
  });
  canvas.toBlob((blob) => blob && download('newsdex-coverage.png', blob), 'image/png');
}

interface Comention {
  label: string;
  query: string; // what to add to the query to find the documents that mention it
  count: number;
  kind: string;
}

// GET /api/comentions: {"entities": [{"name", "type", "count", ...}], "terms": [{"term", "count", ...}]}
export function toComentions(r: Record<string, unknown>): { entities: Comention[]; terms: Comention[] } {
  const list = (key: string) => (Array.isArray(r[key]) ? (r[key] as Record<string, unknown>[]) : []);
  const entities = list('entities')
    .map((e) => ({ label: String(e.name ?? ''), query: `entity:"${String(e.name ?? '').replace(/"/g, '')}"`, count: Number(e.count ?? 0), kind: String(e.type ?? 'entity') }))
    .filter((c) => c.label);
  const terms = list('terms')
    .map((t) => {
      const term = String(t.term ?? '');
      return { label: term, query: /^[\p{L}\p{N}'.]+$/u.test(term) ? term : `"${term.replace(/"/g, '')}"`, count: Number(t.count ?? 0), kind: 'word' };
    })
    .filter((c) => c.label);
  return { entities, terms };
}

function loadComentions(section: HTMLElement, q: string, signal: AbortSignal): void {
  const body = h('div', {}, h('p', { class: 'muted' }, 'Loading…'));
  section.append(h('p', { class: 'muted' }, `People, organisations, places and words that occur with “${q}”.`), body);
  getComentions(q, 15, signal)
    .then((r) => {
      clear(body);
      const { entities, terms } = toComentions(r);
      if (!entities.length && !terms.length) {
        body.append(h('p', { class: 'muted' }, 'Nothing co-occurs often enough to list.'));
        return;
      }
      const list = (title: string, id: string, items: Comention[]) => {
        if (!items.length) return '';
        const max = Math.max(...items.map((i) => i.count), 1);
        return h(
          'div',
          { class: 'comention-group' },
          h('h3', {}, title),
          h(
            'ol',
            { class: 'comention-list', id },
            items.map((c) =>
              h(
                'li',
                {},
                h('a', { href: searchLink(`(${q}) ${c.query}`), title: `Search ${q} with ${c.label}` }, c.label),
                h('span', { class: 'bar', style: `width:${Math.round((c.count / max) * 100)}%`, 'aria-hidden': 'true' }),
                h('span', { class: 'count', title: 'documents mentioning both' }, formatNumber(c.count)),
              ),
            ),
          ),
        );
      };
      body.append(h('div', { class: 'comention-groups' }, list('People, organisations, places', 'comention-entities', entities), list('Words', 'comention-terms', terms)));
    })
    .catch((e: unknown) => {
      if (isAbort(e)) return;
      clear(body);
      body.append(
        h('p', { class: 'muted', id: 'comentions-unavailable' }, e instanceof ApiError && e.status === 404 ? 'Co-mentions are not available on this server.' : `Co-mentions could not be loaded: ${(e as Error).message}`),
      );
    });
}

