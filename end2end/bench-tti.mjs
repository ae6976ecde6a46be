// Time to interactive of /logga-in and /arenden in Debian's Chromium, as
// scripts/bench.sh runs it (from end2end/, where Playwright is installed): from the start of navigation until the app has
// hydrated (it marks <body data-hydrated>), or for a page served without the
// app (<body data-app="none">) until its document is parsed. Cold: a new browser context each
// time (empty cache). Warm: the same page loaded again in one context.
// Prints two Markdown table rows per page (median of 10).
import { chromium } from '@playwright/test';

const base = process.env.BENCH_BASE;
const [cookieName, cookieValue] = (process.env.BENCH_COOKIE ?? '=').split('=');
const runs = 10;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic'],
});

async function timeToInteractive(page, path) {
  await page.goto(base + path);
  await page.waitForSelector('body:is([data-hydrated="true"], [data-app="none"])', { state: 'attached' });
  // The moment the marker appeared, relative to the navigation's start; a
  // page served without the app (the login page) is used as it is once the
  // document is parsed and its handlers have run.
  return page.evaluate(() =>
    document.body.dataset.app === 'none' ? performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd : window.__hydratedAt);
}

async function context() {
  const ctx = await browser.newContext();
  if (cookieValue) await ctx.addCookies([{ name: cookieName, value: cookieValue, url: base }]);
  // Notes when the app marks itself hydrated.
  await ctx.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (document.body?.dataset.hydrated === 'true') {
        window.__hydratedAt = performance.now();
        observer.disconnect();
      }
    }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-hydrated'] });
  });
  return ctx;
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return (s[4] + s[5]) / 2; };
const rows = [];
for (const path of ['/logga-in', '/arenden']) {
  const cold = [];
  const warm = [];
  for (let i = 0; i < runs; i++) {
    const ctx = await context();
    const page = await ctx.newPage();
    cold.push(await timeToInteractive(page, path));
    warm.push(await timeToInteractive(page, path));
    await ctx.close();
  }
  rows.push([`time to interactive ${path}, cold cache (target ≤ 300 ms)`, `median ${median(cold).toFixed(0)} ms`]);
  rows.push([`time to interactive ${path}, warm cache (target ≤ 100 ms)`, `median ${median(warm).toFixed(0)} ms`]);
}
await browser.close();
for (const [what, result] of rows) console.log(`| ${what} | ${result} |`);
