// A tiny element builder: h('a', {href: '#'}, 'text', child). Text children are always text nodes,
// never parsed as HTML; the one place HTML from the server is inserted is safeSnippet().

type Child = Node | string | number | null | undefined | false | Child[];
type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2), value as EventListener);
    } else if (key === 'class') {
      el.className = String(value);
    } else if (value === true) {
      el.setAttribute(key, '');
    } else {
      el.setAttribute(key, String(value));
    }
  }
  append(el, children);
  return el;
}

export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else if (child instanceof Node) parent.appendChild(child);
    else parent.appendChild(document.createTextNode(String(child)));
  }
}

export function clear(el: Element): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}

// The server sends snippets as HTML-escaped text with matches in <mark>…</mark> (approximate
// matches as <mark class="approx" title="WORD (how)">). Rebuild them from text nodes and <mark>
// elements only, keeping just that class and title, so nothing else can ever become markup.
export function safeSnippet(html: string): DocumentFragment {
  const parsed = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  const out = document.createDocumentFragment();
  const copy = (from: Node, to: Node) => {
    for (const node of Array.from(from.childNodes)) {
      if (node.nodeType === Node.TEXT_NODE) {
        to.appendChild(document.createTextNode(node.textContent ?? ''));
      } else if (node instanceof Element && node.tagName === 'MARK') {
        const mark = document.createElement('mark');
        mark.textContent = node.textContent ?? '';
        if (node.classList.contains('approx')) {
          mark.className = 'approx';
          const title = node.getAttribute('title');
          if (title) mark.title = `matches ${title}`;
        }
        to.appendChild(mark);
      } else {
        to.appendChild(document.createTextNode(node.textContent ?? ''));
      }
    }
  };
  copy(parsed.body, out);
  return out;
}

export function formatNumber(n: number): string {
  return n.toLocaleString('en-US');
}

// Re-rendering a view replaces its elements; the element that had focus is found again by id
// (now, or when content that arrives later calls restoreFocus()), so keyboard users keep their
// place after changing a filter or a page.
let pendingFocus = '';
export function rememberFocus(): void {
  const el = document.activeElement as HTMLElement | null;
  pendingFocus = el && el !== document.body && el.id ? el.id : '';
}
export function restoreFocus(): void {
  if (!pendingFocus) return;
  const el = document.getElementById(pendingFocus);
  if (el) {
    el.focus({ preventScroll: true });
    pendingFocus = '';
  }
}
export function dropPendingFocus(): void {
  pendingFocus = '';
}
