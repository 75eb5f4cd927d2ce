// End-to-end tests of the page in Debian's Chromium against a running `newsdex serve --static
// web/dist` over the sample corpus (NEWSDEX_URL). Expected values come from the JSON API of the
// same server, never from constants. scripts/web-test.sh starts the servers and runs this file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, openPage, assertNoErrors, screenshot, baseUrl } from './browser.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function api(path) {
  const res = await fetch(new URL(path, baseUrl));
  const body = await res.json();
  return { status: res.status, body };
}

async function hitTitles(page) {
  return page.locator('.hit-title a').allTextContents();
}

async function totalShown(page) {
  return Number(await page.locator('#hit-count').getAttribute('data-total'));
}

test('search from the box: highlighted hits, count and time; the URL holds the state', { timeout: 60_000 }, async () => {
  const { page, errors } = await openPage(browser.context, '');
  const query = 'summit putin';
  // The empty page focuses the box; "/" brings focus back from anywhere else.
  await page.locator('#q').waitFor();
  await page.evaluate(() => document.activeElement?.blur());
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'q', '"/" focuses the search box');
  await page.keyboard.type(query);
  await page.keyboard.press('Enter');
  await page.locator('.hit').first().waitFor();

  const expected = (await api(`api/search?q=${encodeURIComponent(query)}&limit=10`)).body;
  assert.ok(expected.total >= 1);
  assert.equal(await totalShown(page), expected.total);
  assert.deepEqual(await hitTitles(page), expected.hits.map((h) => h.title));
  assert.match(await page.locator('#result-status').textContent(), /\d+ hits? · showing 1–\d+ · [\d.]+ ms/);
  const marks = await page.locator('.hit').first().locator('mark').allTextContents();
  assert.ok(marks.length > 0, 'snippets have highlighted matches');
  assert.ok(marks.every((m) => /summit|putin/i.test(m)), `marks are query words: ${marks}`);
  assert.equal(new URL(page.url()).searchParams.get('q'), query);
  await screenshot(page, 'search.png');

  await page.reload();
  await page.locator('.hit').first().waitFor();
  assert.equal(await page.inputValue('#q'), query, 'reload keeps the query');
  assert.deepEqual(await hitTitles(page), expected.hits.map((h) => h.title), 'reload shows the same hits');
  assertNoErrors(errors);
  await page.close();
});

test('filters, sort and paging change the results and the URL', { timeout: 60_000 }, async () => {
  const { page, errors } = await openPage(browser.context, '?q=the');
  await page.locator('.hit').first().waitFor();
  const all = (await api('api/search?q=the&limit=1')).body.total;
  assert.ok(all > 10, 'the sample has more than one page of "the"');
  assert.equal(await totalShown(page), all);
  assert.equal(await page.locator('.hit').count(), 10);

  // Paging with the keyboard.
  await page.locator('#page-next').focus();
  await page.keyboard.press('Enter');
  await page.waitForURL(/page=2/);
  await page.locator('ol.hits[start="11"]').waitFor();
  const page2 = (await api('api/search?q=the&limit=10&offset=10')).body.hits.map((h) => h.title);
  assert.deepEqual(await hitTitles(page), page2);

  // Sort by date, newest first: back to page 1, dates never increase.
  await page.selectOption('#sort', 'date');
  await page.waitForURL(/sort=date/);
  await page.locator('ol.hits[start="1"]').waitFor();
  const dates = await page.locator('.hit-meta time').evaluateAll((els) => els.map((e) => e.getAttribute('datetime')));
  assert.deepEqual(dates, [...dates].sort().reverse());

  // A show filter from the facet list: every hit is of that show.
  const facets = (await api('api/facets')).body;
  const show = facets.shows[0].value;
  if (facets.shows.length > 8) {
    // A long list narrows as you type: the rows left are the shows whose name holds the text.
    const needle = show.slice(0, 3).toLowerCase();
    await page.fill('#facet-show-filter', needle);
    const left = await page.locator('#facet-show .facet-value:visible label').evaluateAll((ls) => ls.map((l) => l.firstChild.textContent));
    assert.deepEqual(left, facets.shows.map((f) => f.value).filter((v) => v.toLowerCase().includes(needle)));
    assert.equal(await page.locator('#facet-show .facet-shown').textContent(), `${left.length} of ${facets.shows.length}`);
  }
  await page.getByLabel(new RegExp(`^${show}`)).check();
  await page.waitForURL(/show=/);
  await page.locator('#hit-count').waitFor();
  await page.waitForFunction((s) => [...document.querySelectorAll('.hit-meta .show')].every((e) => e.textContent === s), show);
  const shows = await page.locator('.hit-meta .show').allTextContents();
  assert.ok(shows.length > 0 && shows.every((s) => s === show), `all hits are ${show}: ${shows}`);
  const filtered = (await api(`api/search?q=${encodeURIComponent(`(the) show:${show}`)}&limit=1`)).body.total;
  assert.equal(await totalShown(page), filtered);

  // A date range.
  await page.fill('#from', '2018-06-01');
  await page.waitForURL(/from=2018-06-01/);
  await page.locator('#hit-count').waitFor();
  const from = await page.locator('.hit-meta time').evaluateAll((els) => els.map((e) => e.getAttribute('datetime')));
  assert.ok(from.every((d) => d >= '2018-06-01'), `dates from 2018-06-01: ${from}`);

  // The whole state survives a reload.
  const url = page.url();
  await page.reload();
  await page.locator('#hit-count').waitFor();
  assert.equal(page.url(), url);
  assert.equal(await page.inputValue('#sort'), 'date');
  assert.equal(await page.inputValue('#from'), '2018-06-01');
  assert.ok(await page.getByLabel(new RegExp(`^${show}`)).isChecked());

  await page.click('#clear-filters');
  await page.waitForURL((u) => !u.searchParams.has('show') && !u.searchParams.has('from'));
  await page.locator('#hit-count').waitFor();
  assert.equal(await totalShown(page), all);
  assertNoErrors(errors);
  await page.close();
});

test('a bad query shows its error at the column, also with filters on', { timeout: 60_000 }, async () => {
  const { page, errors } = await openPage(browser.context, '');
  const bad = 'putin AND (kim OR "phone';
  await page.fill('#q', bad);
  await page.keyboard.press('Enter');
  const box = page.locator('#query-error');
  await box.waitFor();
  const expected = (await api(`api/search?q=${encodeURIComponent(bad)}`)).body.error;
  assert.ok(expected.column > 0);
  assert.match(await box.textContent(), new RegExp(expected.message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  assert.equal(await page.locator('.error-at').textContent(), bad[expected.column - 1], 'the marked character is at the column');
  assert.equal(await page.getAttribute('#q', 'aria-invalid'), 'true');
  assert.equal(await page.evaluate(() => document.getElementById('q').selectionStart), expected.column - 1, 'the caret is put on the error');
  assert.equal(await page.locator('.hit').count(), 0);
  await screenshot(page, 'query-error.png');

  // With a show filter the server sees a longer query; the column still points into the user's text.
  await page.goto(new URL(`?q=${encodeURIComponent(bad)}&show=WNT`, baseUrl).toString());
  await box.waitFor();
  assert.equal(await page.locator('.error-at').textContent(), bad[expected.column - 1]);
  assert.match(await box.textContent(), new RegExp(`column ${expected.column}`));

  // Fixing the query clears the error.
  await page.fill('#q', 'putin AND (kim OR "phone call")');
  await page.keyboard.press('Enter');
  await page.locator('#hit-count').waitFor();
  assert.ok(await box.isHidden());
  assertNoErrors(errors);
  await page.close();
});

test('approximate matches (caption errors) are marked apart from exact ones', { timeout: 60_000 }, async () => {
  const query = 'camel~1 letters';
  const expected = (await api(`api/search?q=${encodeURIComponent(query)}`)).body;
  const approx = expected.hits.filter((h) => h.approximate?.length);
  assert.ok(approx.length > 0, 'the sample has a caption error within one edit of "camel"');
  const { page, errors } = await openPage(browser.context, `?q=${encodeURIComponent(query)}`);
  await page.locator('.hit').first().waitFor();
  const index = expected.hits.indexOf(approx[0]);
  const hit = page.locator('.hit').nth(index);
  const marked = await hit.locator('mark.approx').allTextContents();
  assert.ok(marked.includes(approx[0].approximate[0].text), `approximate mark ${approx[0].approximate[0].text}: ${marked}`);
  assert.match(await hit.locator('mark.approx').first().getAttribute('title'), new RegExp(approx[0].approximate[0].matches));
  assert.match(await hit.locator('.approx-list').textContent(), new RegExp(approx[0].approximate[0].text));
  // In the transcript too: the caption error is marked where the server matched it, and says what
  // it matched (the page alone, without a stemmer or the index's dictionary, could not find it).
  await hit.locator('.hit-title a').click();
  await page.locator('#doc-title').waitFor();
  const inDoc = page.locator('.clean mark.match.approx', { hasText: approx[0].approximate[0].text }).first();
  await inDoc.waitFor();
  assert.match(await inDoc.getAttribute('title'), new RegExp(`≈ ${approx[0].approximate[0].matches}`));
  assertNoErrors(errors);
  await page.close();
});

test('transcript: speaker turns with roles, quotes with speakers, entities linked to searches', { timeout: 60_000 }, async () => {
  const { page, errors } = await openPage(browser.context, `?q=${encodeURIComponent('"phone call" putin')}`);
  const first = page.locator('.hit-title a').first();
  const title = await first.textContent();
  await first.click();
  await page.locator('#doc-title').waitFor();
  assert.equal(await page.locator('#doc-title').textContent(), title);
  const id = new URL(page.url()).searchParams.get('id');
  const doc = (await api(`api/docs/${id}`)).body;

  assert.equal(await page.locator('.turn').count(), Math.max(1, doc.turns.length));
  const roles = await page.locator('.turn-head .role').allTextContents();
  for (const role of new Set(doc.turns.map((t) => t.role)))
    if (role !== 'unknown') assert.ok(roles.some((r) => r.toLowerCase() === role), `role ${role} shown`);
  const speakers = await page.locator('.turn-head .speaker').allTextContents();
  for (const t of doc.turns) if (t.speaker) assert.ok(speakers.includes(t.speaker), `speaker ${t.speaker} shown`);

  assert.equal(await page.locator('.quote-list li').count(), doc.quotes.length);
  const attributed = doc.quotes.find((q) => q.speaker);
  if (attributed) {
    const byLines = await page.locator('.clean .quote-by').allTextContents();
    assert.ok(byLines.some((b) => b.includes(attributed.speaker)), `quote by ${attributed.speaker} marked`);
  }
  assert.equal(await page.locator('.entity-link').count(), doc.entities.length);
  // Caption repairs: struck in the original, left out of the cleaned reading.
  assert.equal(await page.locator('.original del.repair').count(), doc.repairs.length);
  assert.equal(await page.locator('.clean del').count(), 0);

  // The search's matches, where the server found them, are marked in the cleaned reading; Next
  // match steps through them.
  const found = (await api(`api/docs/${id}?q=${encodeURIComponent('"phone call" putin')}`)).body.matches;
  assert.ok(found.length > 0, 'the server says where the query matched');
  const matchTexts = await page.locator('.clean mark.match').allTextContents();
  assert.ok(matchTexts.length > 0 && matchTexts.every((m) => /^(phone[\s\p{P}]+call|putin)/iu.test(m)), `marks: ${matchTexts}`);
  await page.click('#next-match');
  await page.click('#next-match');
  assert.equal(await page.locator('mark.match.current').count(), 1);
  assert.match(await page.locator('#next-match').textContent(), new RegExp(`2 of ${found.length}\\)`));

  // Cleaned reading beside the original; the toggle works from the keyboard.
  assert.ok(await page.locator('.turn .original').first().isVisible());
  await page.locator('#show-original').focus();
  await page.keyboard.press('Space');
  assert.ok(await page.locator('.turn .original').first().isHidden());
  await page.keyboard.press('Space');
  assert.ok(await page.locator('.turn .original').first().isVisible());
  await screenshot(page, 'transcript.png');

  // An entity opens a search for it, and this transcript is among the hits.
  const entity = page.locator('.entity-link').first();
  const name = await entity.textContent();
  await entity.click();
  await page.locator('#hit-count').waitFor();
  assert.equal(new URL(page.url()).searchParams.get('q'), `entity:"${name}"`);
  const expected = (await api(`api/search?q=${encodeURIComponent(`entity:"${name}"`)}&limit=1000`)).body;
  assert.equal(await totalShown(page), expected.total);
  assert.ok(expected.hits.some((h) => h.id === id), 'the transcript names the entity');

  await page.goBack();
  await page.locator('#doc-title').waitFor();
  assert.equal(await page.locator('#doc-title').textContent(), title);
  assertNoErrors(errors);
  await page.close();
});

test('keyboard only: search, open a transcript, syntax help', { timeout: 60_000 }, async () => {
  const { page, errors } = await openPage(browser.context, '');
  const focused = () => page.evaluate(() => document.activeElement?.id || document.activeElement?.className || document.activeElement?.tagName);
  for (let i = 0; i < 10 && (await focused()) !== 'q'; i++) await page.keyboard.press('Tab');
  assert.equal(await focused(), 'q', 'Tab reaches the search box');
  await page.keyboard.type('summit');
  await page.keyboard.press('Enter');
  await page.locator('.hit').first().waitFor();
  let onHit = false;
  for (let i = 0; i < 60 && !onHit; i++) {
    await page.keyboard.press('Tab');
    onHit = await page.evaluate(() => !!document.activeElement?.closest('.hit-title'));
  }
  assert.ok(onHit, 'Tab reaches the first hit');
  await page.keyboard.press('Enter');
  await page.locator('#doc-title').waitFor();
  assert.equal(await focused(), 'doc-title', 'focus moves to the transcript heading');

  await page.goto(baseUrl);
  await page.locator('#syntax-button').focus();
  await page.keyboard.press('Enter');
  assert.ok(await page.locator('#syntax-help').isVisible());
  assert.equal(await page.getAttribute('#syntax-button', 'aria-expanded'), 'true');
  assert.ok(await page.evaluate(() => document.activeElement?.classList.contains('example')), 'focus on the first example');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter'); // the second example runs as a search
  await page.locator('#hit-count').waitFor();
  assert.equal(await page.inputValue('#q'), '"phone call"');
  await page.locator('#syntax-button').focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  assert.ok(await page.locator('#syntax-help').isHidden());
  assert.equal(await focused(), 'syntax-button');
  assertNoErrors(errors);
  await page.close();
});

test('a transcript lists its other airings; a re-air names its first airing', { timeout: 60_000 }, async () => {
  // A re-aired segment of the sample corpus, found through the API (never a constant).
  const clusters = (await api('api/reairs')).body.clusters.filter((c) => c.airings.every((a) => a.similarity < 1));
  assert.ok(clusters.length >= 1, 'the sample corpus holds a re-aired segment');
  const { first, airings } = clusters[0];
  const of = (await api(`api/reairs?id=${encodeURIComponent(first.id)}`)).body;
  assert.equal(of.clusters.length, 1);
  assert.equal(of.clusters[0].first.id, first.id);
  const { page, errors } = await openPage(browser.context, `?view=doc&id=${encodeURIComponent(first.id)}`);
  await page.locator('#reair-list').waitFor();
  const links = await page.locator('#reair-list a').evaluateAll((as) => as.map((a) => new URL(a.href).searchParams.get('id')));
  assert.deepEqual(links, of.clusters[0].airings.map((a) => a.id), 'every later airing, in date order');
  assert.equal(await page.locator('#first-aired').count(), 0, 'the first airing is no re-air');
  // Opened from a re-air (not from a search): the first airing is named and listed.
  await page.goto(new URL(`?view=doc&id=${encodeURIComponent(airings[0].id)}`, baseUrl).toString());
  await page.locator('#first-aired').waitFor();
  assert.equal(new URL(await page.locator('#first-aired a').getAttribute('href'), baseUrl).searchParams.get('id'), first.id);
  await page.locator('#reair-list').waitFor();
  const fromReair = await page.locator('#reair-list a').evaluateAll((as) => as.map((a) => new URL(a.href).searchParams.get('id')));
  assert.ok(fromReair.includes(first.id), `the re-air lists its first airing: ${fromReair}`);
  assertNoErrors(errors);
  await page.close();
});

test('phone width: results and transcript fit the screen', { timeout: 60_000 }, async () => {
  const { page, errors } = await openPage(browser.context, '?q=summit', { width: 390, height: 844 });
  await page.locator('.hit').first().waitFor();
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok((await overflow()) <= 0, 'no horizontal scrolling on the results');
  await screenshot(page, 'search-phone.png');
  await page.locator('.hit-title a').first().click();
  await page.locator('#doc-title').waitFor();
  assert.ok((await overflow()) <= 0, 'no horizontal scrolling on the transcript');
  await screenshot(page, 'transcript-phone.png');
  assertNoErrors(errors);
  await page.close();
});

test('loading and failure states: an unknown document, an unreachable server', { timeout: 60_000 }, async () => {
  const { page, errors } = await openPage(browser.context, '?view=doc&id=no-such-document');
  await page.locator('h1', { hasText: 'Transcript not found' }).waitFor();
  // A transcript whose URL carries a query the server refuses still opens (its words marked by the
  // page's own word match).
  const some = (await api('api/search?q=putin&limit=1')).body.hits[0];
  await page.goto(new URL(`?view=doc&id=${encodeURIComponent(some.id)}&q=${encodeURIComponent('putin AND (')}`, baseUrl).toString());
  await page.locator('#doc-title').waitFor();
  assert.equal(await page.locator('#doc-title').textContent(), some.title);
  const fallback = await page.locator('.clean mark.match').allTextContents();
  assert.ok(fallback.every((m) => /^putin/i.test(m)), `marks: ${fallback}`);
  // Requests that never answer leave the loading state up; failing ones show a retry button.
  await page.route('**/api/search**', (route) => route.abort('connectionrefused'));
  await page.goto(new URL('?q=putin', baseUrl).toString());
  await page.locator('.failure button', { hasText: 'Try again' }).waitFor();
  await page.unroute('**/api/search**');
  await page.click('.failure button');
  await page.locator('.hit').first().waitFor();
  assertNoErrors(errors.filter((e) => !/ERR_CONNECTION_REFUSED|Failed to fetch/.test(e)));
  await page.close();
});

test('a query with 10 000 hits renders one page and pages to the end', { timeout: 120_000, skip: !process.env.NEWSDEX_BIG_URL && 'NEWSDEX_BIG_URL not set' }, async () => {
  const big = process.env.NEWSDEX_BIG_URL;
  const word = process.env.NEWSDEX_BIG_WORD ?? 'bulletin';
  const total = (await (await fetch(new URL(`api/search?q=${word}&limit=1`, big))).json()).total;
  assert.ok(total >= 10000, `the large index has ${total} hits`);
  const { page, errors } = await openPage(browser.context, new URL(`?q=${word}`, big).toString());
  const t0 = Date.now();
  await page.locator('.hit').first().waitFor();
  const firstPageMs = Date.now() - t0;
  assert.equal(await totalShown(page), total);
  assert.equal(await page.locator('.hit').count(), 10, 'only one page is rendered');
  const last = Math.ceil(total / 10);
  const lastLink = page.locator('.pager a', { hasText: new RegExp(`^${last}$`) });
  await lastLink.click();
  await page.waitForURL(new RegExp(`page=${last}`));
  await page.locator(`ol.hits[start="${(last - 1) * 10 + 1}"]`).waitFor();
  assert.ok((await page.locator('.hit').count()) <= 10);
  const domNodes = await page.evaluate(() => document.getElementsByTagName('*').length);
  console.log(`# 10k-hit query: first page in ${firstPageMs} ms, ${domNodes} DOM elements on the last page`);
  assertNoErrors(errors);
  await page.close();
});

test('coverage: timeline of compared queries, normalised and by show, co-mentions, CSV and PNG', { timeout: 90_000 }, async () => {
  const probe = await fetch(new URL('api/timeline?q=putin&interval=year', baseUrl));
  if (probe.status === 404) {
    // A server without the analytics API: the page says so instead of failing.
    const { page, errors } = await openPage(browser.context, `?view=coverage&q=putin&q=summit&interval=year`);
    await page.locator('#coverage-unavailable').waitFor();
    await screenshot(page, 'coverage-unavailable.png');
    assertNoErrors(errors);
    await page.close();
    return;
  }
  const { page, errors } = await openPage(browser.context, `?view=coverage&q=putin&q=summit&interval=year`);
  const expected = (await api('api/timeline?q=putin&q=summit&interval=year')).body;
  await page.locator('#chart canvas').first().waitFor();
  const legend = await page.locator('.u-legend').textContent();
  for (const name of expected.series) assert.ok(legend.includes(name), `legend names ${name}: ${legend}`);
  // The data table holds the API's counts, one row per bucket, one column per series.
  const starts = [...new Set(expected.buckets.map((b) => b.start))].sort();
  assert.equal(await page.locator('#coverage-table tbody tr').count(), Math.min(starts.length, 500));
  const firstRow = await page.locator('#coverage-table tbody tr').first().locator('td').allTextContents();
  const firstCounts = expected.series.map((name) => expected.buckets.find((b) => b.series === name && b.start === starts[0])?.count ?? 0);
  assert.deepEqual(firstRow.map(Number), firstCounts);

  const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#download-csv')]);
  const lines = readFileSync(await csv.path(), 'utf8').trim().split('\n');
  assert.match(lines[0], /^start,series,/);
  assert.equal(lines.length, 1 + starts.length * expected.series.length);
  const [png] = await Promise.all([page.waitForEvent('download'), page.click('#download-png')]);
  const bytes = readFileSync(await png.path());
  assert.deepEqual([...bytes.subarray(1, 4)], [0x50, 0x4e, 0x47], 'a PNG file');

  // Co-mentions of the first query, as the API lists them.
  const co = (await api('api/comentions?q=putin&limit=15')).body;
  if (co.entities.length) {
    await page.locator('#comention-entities li').first().waitFor();
    assert.equal(await page.locator('#comention-entities li').count(), co.entities.length);
    assert.equal(await page.locator('#comention-entities li a').first().textContent(), co.entities[0].name);
  }
  await screenshot(page, 'coverage.png');

  // Normalised by documents and split by show: the URL and the series follow.
  await page.selectOption('#norm', 'docs');
  await page.waitForURL(/norm=docs/);
  await page.locator('#chart canvas').first().waitFor();
  assert.match(await page.locator('#chart-caption').textContent(), /share of documents/);
  await page.selectOption('#by', 'show');
  await page.waitForURL(/by=show/);
  const byShow = (await api('api/timeline?q=putin&q=summit&interval=year&by=show&normalize=docs')).body;
  await page.locator('#chart canvas').first().waitFor();
  const legend2 = await page.locator('.u-legend').textContent();
  for (const name of byShow.series) assert.ok(legend2.includes(name), `legend names ${name}`);
  await page.reload();
  await page.locator('#chart canvas').first().waitFor();
  assert.equal(await page.inputValue('#by'), 'show');
  assert.equal(await page.inputValue('#norm'), 'docs');

  // A bad query is shown under the form at its column.
  await page.goto(new URL(`?view=coverage&q=putin&q=${encodeURIComponent('summit "oops')}`, baseUrl).toString());
  await page.locator('#coverage-error').waitFor();
  assert.match(await page.locator('#coverage-error').textContent(), /query 2: unclosed quote at column 8/);
  assert.equal(await page.locator('#coverage-error .error-at').textContent(), '"');
  assertNoErrors(errors);
  await page.close();
});

test('coverage on a server without the analytics API says it is not available', { timeout: 60_000 }, async () => {
  const { page, errors } = await openPage(browser.context, '');
  await page.route('**/api/timeline**', (route) => route.fulfill({ status: 404, json: { error: { code: 'not_found', message: 'no such route' } } }));
  await page.route('**/api/comentions**', (route) => route.fulfill({ status: 404, json: { error: { code: 'not_found', message: 'no such route' } } }));
  await page.goto(new URL('?view=coverage&q=putin', baseUrl).toString());
  await page.locator('#coverage-unavailable').waitFor();
  await page.locator('#comentions-unavailable').waitFor();
  assert.ok(await page.locator('#download-csv').isDisabled());
  assertNoErrors(errors);
  await page.close();
});
