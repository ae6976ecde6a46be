import { test, expect, ANNA, SARA, PDF, demoPassword, mailedCode } from './fixtures';

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

const JONAS = { email: 'jonas.wikstrom@elnorr.example', personnummer: '19960130-5791', name: 'Jonas Wikström' };
const JONAS_PASSWORD = 'blå-kopplingsdosa-2026';
const GSRN = '735999000000009047';

// covers: UX-1, ACC-1, ACC-9, TEAM-1, CASE-1, CASE-3, CASE-4
test('without scripts a person registers, proves the address, builds a team and submits a case', async ({ page }) => {
  // Registration: the terms, the username, the details — each step its own page.
  await page.goto('/registrera');
  await page.getByRole('link', { name: 'Godkänn' }).click();
  await page.getByLabel('E-postadress (blir ditt användarnamn)').fill('inte-en-adress');
  await page.getByRole('button', { name: 'Kontrollera användarnamn' }).click();
  // Refused: the message stands next to the field, and what was typed is kept.
  await expect(page.getByText('e-postadress', { exact: false }).locator('xpath=self::p[contains(@class,"field-error")]')).toBeVisible();
  await expect(page.getByLabel('E-postadress (blir ditt användarnamn)')).toHaveValue('inte-en-adress');
  await page.getByLabel('E-postadress (blir ditt användarnamn)').fill(JONAS.email);
  await page.getByRole('button', { name: 'Kontrollera användarnamn' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'är ledigt' })).toBeVisible();
  await page.getByLabel('Namn', { exact: true }).fill(JONAS.name);
  await page.getByLabel('Personnummer').fill('19960130-5792');
  await page.getByLabel('Mobilnummer').fill('070-123 45 67');
  await page.getByLabel('Lösenord', { exact: true }).fill(JONAS_PASSWORD);
  await page.getByLabel('Upprepa lösenordet').fill(JONAS_PASSWORD);
  await page.getByLabel('Gatuadress').fill('Storgatan 12');
  await page.getByLabel('Postnummer').fill('903 26');
  await page.getByLabel('Ort').fill('Umeå');
  await page.getByLabel('Elinstallatör').check();
  await page.getByRole('button', { name: 'Registrera', exact: true }).click();
  // A wrong check digit: the page comes back with the message and the rest kept (passwords excepted).
  await expect(page.locator('#personnummer-fel')).toBeVisible();
  await expect(page.getByLabel('Namn', { exact: true })).toHaveValue(JONAS.name);
  await expect(page.getByLabel('Ort')).toHaveValue('Umeå');
  await expect(page.getByLabel('Postnummer')).toHaveValue('903 26');
  await expect(page.getByLabel('Elinstallatör')).toBeChecked();
  await expect(page.getByLabel('Lösenord', { exact: true })).toHaveValue('');
  await page.getByLabel('Personnummer').fill(JONAS.personnummer);
  await page.getByLabel('Lösenord', { exact: true }).fill(JONAS_PASSWORD);
  await page.getByLabel('Upprepa lösenordet').fill(JONAS_PASSWORD);
  await page.getByRole('button', { name: 'Registrera', exact: true }).click();
  await expect(page.getByRole('heading', { name: /^Välkommen/ })).toBeVisible();

  // The mailed link proves the address.
  const code = mailedCode(JONAS.email, 'bekrafta-epost?kod=');
  await page.goto(`/bekrafta-epost?kod=${code}`);
  await page.getByRole('button', { name: 'Bekräfta e-postadressen' }).click();
  await page.waitForURL((url) => url.pathname === '/');

  // Skapa nytt team: look the company up, then name the team.
  await page.goto('/nytt-team');
  await page.getByLabel('Organisationsnummer').fill('556123-4500');
  await page.getByRole('button', { name: 'Hitta företagsdetaljer' }).click();
  await expect(page.getByRole('heading', { name: 'Elektriska Installationer Norr AB' })).toBeVisible();
  await expect(page.getByLabel('Kontaktperson')).toHaveValue(JONAS.name);
  await page.getByLabel('Teamets namn').fill('Skellefteå utan skript');
  await page.getByRole('button', { name: 'Skapa team' }).click();
  await expect(page.getByRole('heading', { name: /Skellefteå utan skript/, level: 1 })).toBeVisible();
  const teamPath = new URL(page.url()).pathname;

  // Lägg till medlem: the dialog is a page of its own without scripts.
  await page.getByRole('link', { name: 'Lägg till medlem' }).click();
  await page.getByLabel('Användarnamn (e-postadress)').fill('finns.inte@elnorr.example');
  await page.getByRole('button', { name: 'Lägg till' }).click();
  await expect(page.getByText('behöver först skapa ett konto')).toBeVisible();
  await expect(page.getByLabel('Användarnamn (e-postadress)')).toHaveValue('finns.inte@elnorr.example');
  await page.getByLabel('Användarnamn (e-postadress)').fill(SARA);
  await page.getByRole('button', { name: 'Lägg till' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Medlemmen har lagts till' })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Sara Nilsson', exact: true })).toBeVisible();

  // A case: create, fill in, save, submit.
  await page.goto('/arenden/nytt');
  await page.getByRole('button', { name: 'Skapa ärende' }).click();
  await expect(page.getByRole('alert')).toContainText('Välj vad som ska anmälas');
  await page.getByLabel('Byte av säkring (ökning/minskning av storlek)').check();
  await page.getByRole('button', { name: 'Skapa ärende' }).click();
  await page.waitForURL(/\/arenden\/\d+$/);
  await page.getByLabel('Kundens namn *').fill('Kalle Kund');
  await page.getByRole('button', { name: 'Spara utkast' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Utkastet är sparat' })).toBeVisible();
  await expect(page.getByLabel('Kundens namn *')).toHaveValue('Kalle Kund');
  // Submitting too early names what is missing.
  await page.getByRole('button', { name: 'Skicka in föranmälan' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Rätta det som är markerat' })).toBeVisible();
  await page.getByLabel('Kundens personnummer eller organisationsnummer *').fill('19811218-9876');
  await page.getByLabel('Anläggningens gatuadress *').fill('Kabelgatan 4');
  await page.getByLabel('Postnummer *').fill('411 04');
  await page.getByLabel('Ort *').fill('Göteborg');
  await page.getByLabel('Önskat datum *').fill('2099-03-01');
  await page.getByLabel('Anläggnings-ID *').fill(GSRN);
  await page.getByLabel('Nuvarande huvudsäkring (A) *').selectOption('16');
  await page.getByLabel('Ny huvudsäkring (A) *').selectOption('25');
  await page.getByLabel('Antal faser *').selectOption('3');
  await page.getByRole('button', { name: 'Spara utkast' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Utkastet är sparat' })).toBeVisible();
  await page.getByRole('button', { name: 'Skicka in föranmälan' }).click();
  await expect(page.getByText('Föranmälan inskickad')).toBeVisible();
  await expect(page.getByText('Pågående', { exact: true })).toBeVisible();
  const caseNumber = (await page.getByRole('heading', { level: 1 }).textContent())!.split(' ')[0];

  // Flytta ärende till annan installatör: mark the case, choose Sara, move.
  await page.goto(teamPath);
  await page.getByRole('link', { name: `Visa ärenden: ${JONAS.name}` }).click();
  await page.getByRole('button', { name: 'Flytta ärende till annan installatör' }).click();
  await expect(page.getByRole('alert')).toContainText('Markera minst ett ärende');
  await page.getByRole('checkbox', { name: `Markera ${caseNumber}` }).check();
  await page.getByLabel('Installatör i teamet').selectOption({ label: 'Sara Nilsson' });
  await page.getByRole('button', { name: 'Flytta ärende till annan installatör' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Ärendena är flyttade' })).toBeVisible();
  await expect(page.getByText('Inga ärenden.')).toBeVisible();

  // Without scripts the profile menu's choices stand as plain links and a form: log out.
  await page.getByRole('button', { name: 'Logga ut' }).click();
  await page.waitForURL(/\/logga-in/);
  const me = await page.request.post('/api/auth/me', { headers: { Accept: 'application/json' } });
  expect(await me.json()).toBeNull();
});

// covers: UX-1, ACC-7
test('without scripts a foreign installer files a support request and follows it', async ({ page }) => {
  await page.goto('/logga-in');
  await page.getByRole('link', { name: 'Utländsk installatör, eller installatör utan företag?' }).click();
  await page.getByRole('link', { name: 'Ärende till support: konto för utländsk installatör' }).click();
  await expect(page.getByLabel('Konto för utländsk installatör')).toBeChecked();
  await page.getByLabel('Namn', { exact: true }).fill('Ingrid Haugen');
  await page.getByLabel('E-postadress', { exact: true }).fill('ingrid@elektro.no');
  await page.getByLabel('Mobilnummer').fill('+47 912 34 567');
  await page.getByLabel('Behörighetsnummer').fill('NO-EL-5520');
  // Without the certificate: back with the reason, and everything typed kept.
  await page.getByRole('button', { name: 'Skicka' }).click();
  await expect(page.getByText('Bifoga intyg från elsäkerhetsverket.')).toBeVisible();
  await expect(page.getByLabel('Namn', { exact: true })).toHaveValue('Ingrid Haugen');
  await expect(page.getByLabel('Behörighetsnummer')).toHaveValue('NO-EL-5520');
  await page.getByLabel('Intyg från Elsäkerhetsverket (PDF, JPEG eller PNG, högst 10 MB)').setInputFiles({ ...PDF, name: 'intyg.pdf' });
  await page.getByRole('button', { name: 'Skicka' }).click();
  await expect(page.getByText('Tack! Ärendet är skickat.', { exact: false })).toBeVisible();
  await expect(page.getByText('Inkommet')).toBeVisible();
});

// Jonas registered without scripts above.
// covers: UX-1, ACC-8
test('a forgotten password is replaced without scripts', async ({ page }) => {
  await page.goto('/glomt-losenord');
  await page.getByLabel('Användarnamn (e-postadress)').fill(JONAS.email);
  await page.getByRole('button', { name: 'Skicka länk' }).click();
  // The form posted and came back to the page; the link is in the mail.
  await expect.poll(() => mailedCode(JONAS.email, 'valj-losenord?kod=').length).toBe(64);
  const code = mailedCode(JONAS.email, 'valj-losenord?kod=');
  await page.goto(`/valj-losenord?kod=${code}&nytt=1`);
  await page.getByLabel('Nytt lösenord').fill('nya-starka-lösen-2026');
  await page.getByLabel('Upprepa lösenordet').fill('nya-starka-lösen-2026');
  await page.getByLabel('Jag har läst och godkänner villkoren och de tekniska anvisningarna').check();
  await page.getByRole('button', { name: 'Spara lösenord' }).click();
  await page.waitForURL(/\/logga-in/);
  await page.getByLabel('Användarnamn (e-postadress)').fill(JONAS.email);
  await page.getByLabel('Lösenord').fill('nya-starka-lösen-2026');
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.waitForURL((url) => url.pathname === '/');
  const me = await page.request.post('/api/auth/me', { headers: { Accept: 'application/json' } });
  expect((await me.json()).email).toBe(JONAS.email);
});

// covers: UX-2, UX-1
test('without scripts the language switch posts and the page comes back in English', async ({ page }) => {
  await page.goto('/glomt-losenord');
  await page.getByRole('button', { name: 'English' }).click();
  await page.waitForURL((url) => url.pathname === '/glomt-losenord');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.goto('/logga-in');
  await expect(page.getByLabel('Username (e-mail address)')).toBeVisible();
  await page.getByRole('button', { name: 'Svenska' }).click();
  await expect(page.getByLabel('Användarnamn (e-postadress)')).toBeVisible();
});
