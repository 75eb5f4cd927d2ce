// The Newsdex page: one document, three views (search, transcript, coverage) chosen by the URL's
// query string. Navigation goes through history.pushState so that Back, reload and shared links
// all show the same state; each render aborts the requests of the one before it.
import './style.css';
import { h, clear, rememberFocus, restoreFocus, dropPendingFocus } from './dom';
import { parseState, stateToUrl, type State } from './state';
import { renderSearch } from './views/search';
import { renderTranscript } from './views/transcript';
import { renderCoverage } from './views/coverage';
import { getStats } from './api';

export interface Ctx {
  state: State;
  signal: AbortSignal;
  navigate: (next: State, opts?: { replace?: boolean }) => void;
  setTitle: (title: string) => void;
}

const main = document.getElementById('main') as HTMLElement;
const navSearch = document.getElementById('nav-search') as HTMLAnchorElement;
const navCoverage = document.getElementById('nav-coverage') as HTMLAnchorElement;
let current: AbortController | null = null;
let lastView = '';

function render(state: State): void {
  current?.abort();
  current = new AbortController();
  const ctx: Ctx = {
    state,
    signal: current.signal,
    navigate,
    setTitle: (t) => (document.title = t ? `${t} · Newsdex` : 'Newsdex'),
  };
  navSearch.href = stateToUrl({ ...state, view: 'search', id: '' });
  navCoverage.href = stateToUrl({ ...state, view: 'coverage', id: '', queries: state.q ? [state.q] : [] });
  navSearch.toggleAttribute('aria-current', state.view === 'search');
  navCoverage.toggleAttribute('aria-current', state.view === 'coverage');
  if (state.view === 'search') navSearch.setAttribute('aria-current', 'page');
  if (state.view === 'coverage') navCoverage.setAttribute('aria-current', 'page');
  const viewChanged = lastView !== state.view;
  lastView = state.view;
  if (viewChanged) dropPendingFocus();
  else rememberFocus();
  clear(main);
  main.dataset.view = state.view;
  if (state.view === 'doc') renderTranscript(main, ctx);
  else if (state.view === 'coverage') renderCoverage(main, ctx);
  else renderSearch(main, ctx);
  restoreFocus();
  if (viewChanged && state.view === 'doc') {
    // Move focus to the new content so keyboard and screen-reader users start reading there.
    (main.querySelector('h1') as HTMLElement | null)?.focus();
  }
}

function navigate(next: State, opts: { replace?: boolean } = {}): void {
  const url = stateToUrl(next);
  if (opts.replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  render(next);
  if (!opts.replace) window.scrollTo(0, 0);
}

// Internal links are real links (open in a new tab, copy, middle-click); a plain click is handled
// here without reloading the page.
document.addEventListener('click', (e) => {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const a = (e.target as Element | null)?.closest?.('a');
  if (!a || a.target || a.hasAttribute('download')) return;
  const url = new URL(a.href, location.href);
  if (url.origin !== location.origin || url.pathname !== location.pathname) return;
  if (url.hash && url.search === location.search) return; // an in-page anchor
  e.preventDefault();
  navigate(parseState(url.search));
});

window.addEventListener('popstate', () => render(parseState(location.search)));

// "/" jumps to the search box from anywhere but a text field.
document.addEventListener('keydown', (e) => {
  if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey) return;
  const t = e.target as HTMLElement;
  if (t.closest('input, textarea, select, [contenteditable]')) return;
  const box = document.getElementById('q') as HTMLInputElement | null;
  if (box) {
    e.preventDefault();
    box.focus();
    box.select();
  }
});

async function footer(): Promise<void> {
  const el = document.getElementById('index-stats');
  if (!el) return;
  try {
    const s = await getStats();
    clear(el);
    el.append(
      h('span', {}, `${s.documents.toLocaleString('en-US')} documents`),
      s.first_date ? h('span', {}, ` · ${s.first_date} to ${s.last_date}`) : '',
      h('span', {}, ` · ${s.terms.toLocaleString('en-US')} terms`),
    );
  } catch (e) {
    el.textContent = `Index statistics unavailable: ${(e as Error).message}`;
  }
}

render(parseState(location.search));
void footer();
