// Shared set-up for the page's end-to-end tests: Debian's Chromium driven by playwright-core (no
// browser download), a fresh profile per run, and a record of every console error and page error
// so that a test fails loudly when the page throws.
import { chromium } from 'playwright-core';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const baseUrl = process.env.NEWSDEX_URL ?? 'http://127.0.0.1:8080/';
export const artifacts = process.env.NEWSDEX_ARTIFACTS ?? join(process.cwd(), '..', 'build', 'artifacts');
mkdirSync(artifacts, { recursive: true });

const kArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launch() {
  const profile = mkdtempSync(join(tmpdir(), 'newsdex-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: kArgs,
    viewport: { width: 1280, height: 860 },
    acceptDownloads: true,
    timeout: 60_000,
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

// A page whose console errors and uncaught exceptions are collected. HTTP 4xx answers that a
// test provokes on purpose (a bad query, an API the server lacks) and refused connections (the
// failure-state test) are logged by Chromium as "Failed to load resource"; they are kept apart
// and not counted as errors: the tests check what the page shows for them.
export async function openPage(context, path = '', viewport) {
  const page = await context.newPage();
  if (viewport) await page.setViewportSize(viewport);
  const errors = [];
  const failedLoads = [];
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    if (/Failed to load resource: (the server responded with a status of 4\d\d|net::ERR_CONNECTION_REFUSED)/.test(text)) {
      failedLoads.push(text);
      return;
    }
    errors.push(`console.error: ${text}`);
    // Printed at once too, so that a test that fails on a time-out still shows what the page said.
    console.error(`# browser console.error at ${page.url()}: ${text}`);
  });
  page.on('pageerror', (err) => {
    errors.push(`page error: ${err.stack ?? err.message}`);
    console.error(`# browser page error at ${page.url()}: ${err.stack ?? err.message}`);
  });
  page.setDefaultTimeout(15_000);
  await page.goto(new URL(path, baseUrl).toString());
  return { page, errors, failedLoads };
}

export function assertNoErrors(errors) {
  if (errors.length) throw new Error(`the page reported errors:\n${errors.join('\n')}`);
}

export async function screenshot(page, name) {
  const path = join(artifacts, name);
  await page.screenshot({ path, fullPage: false });
  return path;
}
