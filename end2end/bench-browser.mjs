// What the browser benchmarks (bench-tti.mjs, bench-slow-line.mjs) share:
// Debian's Chromium, a context that carries the session cookie and notes
// when the app marks itself hydrated, and the time from the start of
// navigation until a page is interactive. Not part of the test run.
import { chromium } from '@playwright/test';

export const base = process.env.BENCH_BASE;
const [cookieName, cookieValue] = (process.env.BENCH_COOKIE ?? '=').split('=');

export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic'],
  });
}

/** A new context (an empty cache) with the session cookie, if one is given. */
export async function benchContext(browser) {
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

/**
 * Opens `path` and answers when it became interactive, in ms from the start
 * of navigation: when the app marked it hydrated (<body data-hydrated>), or,
 * for a page served without the app (<body data-app="none">), once its
 * document is parsed and its handlers have run.
 */
export async function timeToInteractive(page, path, timeout = 30000) {
  await page.goto(base + path);
  await page.waitForSelector('body:is([data-hydrated="true"], [data-app="none"])', { state: 'attached', timeout });
  return page.evaluate(() =>
    document.body.dataset.app === 'none' ? performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd : window.__hydratedAt);
}
