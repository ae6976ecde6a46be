import { test, expect, ANNA, demoPassword, mailedCode } from './fixtures';

// Without scripts (or before the WASM has arrived) the login form posts to the
// server like any form; a password never travels in an address.
test.use({ javaScriptEnabled: false });

// covers: UX-1, ACC-4
test('logging in works without scripts and never puts the password in the address', async ({ page }) => {
  const addresses: string[] = [];
  page.on('request', (r) => addresses.push(r.url()));
  await page.goto('/logga-in');
  await page.getByLabel('Användarnamn (e-postadress)').fill(ANNA);
  await page.getByLabel('Lösenord').fill('inte-rätt-lösenord');
  await page.getByLabel('Lösenord').press('Enter');
  await expect(page.getByRole('alert')).toContainText('Fel användarnamn eller lösenord');
  // (axe needs scripts; the same page is checked with scripts in accounts.spec.ts.)
  await page.getByLabel('Användarnamn (e-postadress)').fill(ANNA);
  await page.getByLabel('Lösenord').fill(demoPassword(ANNA));
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.waitForURL((url) => url.pathname === '/');
  // Logged in: the session answers for Anna.
  const me = await page.request.post('/api/auth/me', { headers: { Accept: 'application/json' } });
  expect((await me.json()).email).toBe(ANNA);
  for (const address of addresses) {
    expect(address).not.toContain('password');
    expect(address).not.toContain(encodeURIComponent(demoPassword(ANNA)));
    expect(address).not.toContain('inte-r');
  }
});

// Oskar registered and renamed his account in accounts.spec.ts.
// covers: UX-1, ACC-8
test('a forgotten password is replaced without scripts', async ({ page }) => {
  await page.goto('/glomt-losenord');
  await page.getByLabel('Användarnamn (e-postadress)').fill('oskar@nyafirman.se');
  await page.getByRole('button', { name: 'Skicka länk' }).click();
  // The form posted and came back to the page; the link is in the mail.
  await expect.poll(() => mailedCode('oskar@nyafirman.se', 'valj-losenord?kod=').length).toBe(64);
  const code = mailedCode('oskar@nyafirman.se', 'valj-losenord?kod=');
  await page.goto(`/valj-losenord?kod=${code}&nytt=1`);
  await page.getByLabel('Nytt lösenord').fill('nya-starka-lösen-2026');
  await page.getByLabel('Upprepa lösenordet').fill('nya-starka-lösen-2026');
  await page.getByLabel('Jag har läst och godkänner villkoren och de tekniska anvisningarna').check();
  await page.getByRole('button', { name: 'Spara lösenord' }).click();
  await page.waitForURL(/\/logga-in/);
  await page.getByLabel('Användarnamn (e-postadress)').fill('oskar@nyafirman.se');
  await page.getByLabel('Lösenord').fill('nya-starka-lösen-2026');
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.waitForURL((url) => url.pathname === '/');
  const me = await page.request.post('/api/auth/me', { headers: { Accept: 'application/json' } });
  expect((await me.json()).email).toBe('oskar@nyafirman.se');
});
