import { test, expect, open, loginDemo, ANNA } from './fixtures';

// A tab left open across a deploy asks for its next page's WASM chunks by
// the names of the build it runs; the new build's chunks have other names,
// so the old ones are gone (404), and leptos' lazy loading panics. The page
// then falls back to what it does without scripts: the link just clicked is
// followed by the browser, and so is every link after it (UX-1).
const release = process.env.E2E_PROFILE === 'release';

// covers: UX-1
test('a tab left open across a deploy still goes where its links say when the next page’s code is gone', async ({ page }) => {
  test.skip(!release, 'the chunks exist in the release build only (E2E_PROFILE=release)');
  await loginDemo(page, ANNA);
  await open(page, '/arenden');
  await page.waitForLoadState('networkidle');
  // The deploy: every WASM file this tab has not loaded yet is gone.
  const loaded = new Set(
    await page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname).filter((p) => p.endsWith('.wasm'))),
  );
  const refused: string[] = [];
  await page.route(/\/pkg\/.*\.wasm$/, (route) => {
    const path = new URL(route.request().url()).pathname;
    if (loaded.has(path)) return route.continue();
    refused.push(path);
    return route.fulfill({ status: 404, contentType: 'text/plain', body: 'Finns inte' });
  });

  // The support form is in another group of pages than Mina ärenden: its chunks are needed.
  await page.getByRole('contentinfo').getByRole('link', { name: 'Ärende till support' }).click();
  await expect(page).toHaveURL(/\/support$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Ärende till support' })).toBeVisible();
  expect(refused.length, 'the support page asked for chunks the deploy took away').toBeGreaterThan(0);

  // Its chunks are still gone, so this page's app dies as well: its form
  // posts as it does without scripts, the browser's own post to the server.
  await expect(page.locator('body[data-hydrated="failed"]')).toBeAttached();
  const posted = page.waitForRequest((r) => r.method() === 'POST' && r.isNavigationRequest() && new URL(r.url()).pathname === '/api/support/requests');
  await page.getByRole('button', { name: 'Skicka' }).click();
  await posted;
  await expect(page).toHaveURL(/\/support/);
  await expect(page.getByRole('heading', { level: 1, name: 'Ärende till support' })).toBeVisible();
});
