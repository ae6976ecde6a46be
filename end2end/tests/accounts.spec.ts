import { test, expect, open, register, fillDetails, login, logout, expectAccessible, PEOPLE, PASSWORD } from './fixtures';
import { Page } from '@playwright/test';

// covers: ACC-1, ACC-3, ACC-4
test('a person registers, logs out, logs in and changes username under Mina uppgifter', async ({ page }) => {
  await register(page, 'Oskar.Lund@Elfirma.se', PEOPLE.oskar);
  await expect(page.getByRole('heading', { name: 'Välkommen, Oskar Lund' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Mina team' })).toBeVisible();

  await logout(page);
  await login(page, 'oskar.lund@elfirma.se');
  await expect(page.getByRole('heading', { name: 'Välkommen, Oskar Lund' })).toBeVisible();

  // Profile menu → Mina uppgifter.
  await page.getByRole('button', { name: /Oskar Lund/ }).click();
  await page.getByRole('link', { name: 'Mina uppgifter' }).click();
  await expect(page.getByRole('heading', { name: 'Mina uppgifter', level: 1 })).toBeVisible();
  await expect(page.getByText('19830517-1350')).toBeVisible();
  await expectAccessible(page);
  const username = page.getByLabel('Användarnamn (e-postadress)');
  await expect(username).toHaveValue('oskar.lund@elfirma.se');
  await username.fill('oskar@nyafirman.se');
  // A change to the account is confirmed with the password.
  await page.getByRole('button', { name: 'Spara användarnamn' }).click();
  await expect(page.getByText('Lösenordet stämmer inte')).toBeVisible();
  await page.getByLabel('Ditt lösenord (bekräftar nytt användarnamn)').fill(PASSWORD);
  await page.getByRole('button', { name: 'Spara användarnamn' }).click();
  await expect(page.getByText('Användarnamnet är nu oskar@nyafirman.se.')).toBeVisible();

  await logout(page);
  await login(page, 'oskar.lund@elfirma.se');
  await expect(page.getByRole('alert')).toContainText('Fel användarnamn eller lösenord');
  await login(page, 'oskar@nyafirman.se');
  await expect(page.getByRole('heading', { name: 'Välkommen, Oskar Lund' })).toBeVisible();
});

// covers: ACC-1, ID-1, ID-6
test('a bad personnummer gets a message next to the field, and nothing typed is lost', async ({ page }) => {
  await open(page, '/registrera');
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Godkänn' }).click();
  await page.getByLabel('E-postadress (blir ditt användarnamn)').fill('maria@elfirma.se');
  await page.getByRole('button', { name: 'Kontrollera användarnamn' }).click();
  await fillDetails(page, { ...PEOPLE.maria, personnummer: '19910921-2466' });
  const field = page.getByLabel('Personnummer');
  // The browser's own check, as soon as the field is left.
  await field.blur();
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Kontrollsiffran (sista siffran) i personnumret stämmer inte.')).toBeVisible();
  await expectAccessible(page);

  // A well-formed number the population register does not know: the server says so.
  await field.fill('19811218-9876');
  await page.getByRole('button', { name: 'Registrera', exact: true }).click();
  await expect(page.getByText('Personnumret finns inte i folkbokföringen')).toBeVisible();
  await expect(page.getByLabel('Namn', { exact: true })).toHaveValue('Maria Gustafsson');
  await expect(page.getByLabel('Gatuadress')).toHaveValue('Kabelgatan 4');

  await field.fill(PEOPLE.maria.personnummer);
  await page.getByRole('button', { name: 'Registrera', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Välkommen, Maria Gustafsson' })).toBeVisible();
});

// covers: ACC-2
test('a taken username and an Energikonto login are refused with the reason', async ({ page }) => {
  await open(page, '/registrera');
  await page.getByRole('link', { name: 'Godkänn' }).click();
  const email = page.getByLabel('E-postadress (blir ditt användarnamn)');
  // A demo installer's username, typed in other case.
  await email.fill('ANNA.LINDQVIST@elnorr.example');
  await page.getByRole('button', { name: 'Kontrollera användarnamn' }).click();
  await expect(page.getByText('används redan som användarnamn på Installatörswebben')).toBeVisible();
  await expect(email).toHaveAttribute('aria-invalid', 'true');

  await email.fill('energikonto.kund@example.com');
  await page.getByRole('button', { name: 'Kontrollera användarnamn' }).click();
  await expect(page.getByText('används redan för ett Energikonto')).toBeVisible();
  await expectAccessible(page);

  await email.fill('ali@elfirma.se');
  await page.getByRole('button', { name: 'Kontrollera användarnamn' }).click();
  await expect(page.getByRole('status')).toContainText('Användarnamnet ali@elfirma.se är ledigt.');
});

test('public pages are accessible and explain who cannot self-register', async ({ page }) => {
  await open(page, '/');
  await expect(page.getByRole('heading', { name: 'Välkommen till Installatörswebben' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Utländsk installatör, eller installatör utan företag?' }).click();
  await expect(page.getByRole('heading', { name: 'Utländsk installatör', exact: true })).toBeVisible();
  await expectAccessible(page);
  await open(page, '/logga-in');
  await expectAccessible(page);
});

// covers: ACC-4
test('a wrong password and an unknown user get the same message', async ({ page }) => {
  await login(page, 'anna.lindqvist@elnorr.example', 'inte-rätt-lösenord');
  const wrongPassword = await page.getByRole('alert').textContent();
  await login(page, 'ingen.alls@elfirma.se', 'inte-rätt-lösenord');
  await expect(page.getByRole('alert')).toHaveText(wrongPassword ?? 'missing');
});

// covers: ACC-5, ACC-6
test('a link to choose a password that is not valid says so', async ({ page }) => {
  await open(page, '/valj-losenord?kod=0123abcd');
  await expect(page.getByRole('heading', { name: 'Välj lösenord' })).toBeVisible();
  await page.getByLabel('Nytt lösenord').fill(PASSWORD);
  await page.getByLabel('Upprepa lösenordet').fill(PASSWORD);
  await page.getByLabel('Jag har läst och godkänner villkoren och de tekniska anvisningarna').check();
  await page.getByRole('button', { name: 'Spara lösenord' }).click();
  await expect(page.getByRole('alert')).toContainText('Länken är ogiltig, redan använd eller för gammal.');
  await expectAccessible(page);
});

// On a slow line a page is there, and used, well before its WASM: what the
// person typed or ticked by then is still there once the page has hydrated,
// and the hydrated form sends it (UX-1).

/**
 * Opens `path` with the app's WASM held back, lets `use` work on the page
 * as it came from the server, then lets the WASM arrive and waits until the
 * page has hydrated.
 */
async function beforeHydration(page: Page, path: string, use: () => Promise<void>) {
  let arrive: () => void = () => {};
  const held = new Promise<void>((done) => { arrive = done; });
  await page.unrouteAll();
  await page.route(/\/pkg\/.*\.wasm$/, async (route) => { await held; await route.continue(); });
  await page.goto(path);
  await use();
  await expect(page.locator('body[data-hydrated]')).toHaveCount(0);
  arrive();
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
}

// covers: UX-1, ACC-8
test('what is typed before the page hydrates is kept and sent', async ({ page }) => {
  const email = page.getByLabel('Användarnamn (e-postadress)');
  await beforeHydration(page, '/glomt-losenord', () => email.fill('anna.lindqvist@elnorr.example'));
  await expect(email).toHaveValue('anna.lindqvist@elnorr.example');
  // Sent in place by the hydrated page (no new page), with what was typed.
  const sent = page.waitForRequest((r) => r.method() === 'POST' && new URL(r.url()).pathname === '/api/auth/forgot-password');
  await page.evaluate(() => { document.body.dataset.stayed = 'true'; });
  await page.getByRole('button', { name: 'Skicka länk' }).click();
  expect((await sent).postData() ?? '').toContain('anna.lindqvist%40elnorr.example');
  await expect(page.getByRole('status')).toContainText('Om adressen hör till ett konto');
  await expect(page.locator('body[data-stayed="true"]')).toBeAttached();

  // A text area too: a question to support.
  const question = page.getByLabel('Din fråga');
  await beforeHydration(page, '/support?typ=fraga', () => question.fill('Hur lång tid tar en ny anslutning?'));
  await expect(question).toHaveValue('Hur lång tid tar en ny anslutning?');

  // A check box too: the terms, accepted.
  const terms = page.getByLabel('Jag har läst och godkänner villkoren och de tekniska anvisningarna');
  await beforeHydration(page, '/valj-losenord?kod=0123abcd', () => terms.check());
  await expect(terms).toBeChecked();
});

// covers: ACC-8
test('a person who forgot the password asks for a link from the login page', async ({ page }) => {
  await open(page, '/logga-in');
  await page.getByRole('link', { name: 'Glömt lösenord?' }).click();
  await expect(page.getByRole('heading', { name: 'Glömt lösenord' })).toBeVisible();
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
  await page.getByLabel('Användarnamn (e-postadress)').fill('anna.lindqvist@elnorr.example');
  await page.getByRole('button', { name: 'Skicka länk' }).click();
  await expect(page.getByRole('status')).toContainText('Om adressen hör till ett konto');
  await expectAccessible(page);
  // The link leads to choosing a new password.
  await open(page, '/valj-losenord?kod=0123abcd&nytt=1');
  await expect(page.getByText('Välj ett nytt lösenord för ditt konto')).toBeVisible();
});
