import * as fs from 'fs';
import * as crypto from 'crypto';
import { Page } from '@playwright/test';
import {
  test, expect, open, expectAccessible, demoPassword, login, loginDemo, apiCreateTeam, apiSubmittedFuseChange,
  ANNA, SARA, ERIK, PDF, mailedCode,
} from './fixtures';

const ADMIN = 'admin@installatorswebben.example';

function base32Decode(text: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0, value = 0;
  const out: number[] = [];
  for (const c of text.replace(/[\s=]/g, '').toUpperCase()) {
    value = (value << 5) | alphabet.indexOf(c);
    bits += 5;
    if (bits >= 8) { out.push((value >>> (bits - 8)) & 0xff); bits -= 8; }
  }
  return Buffer.from(out);
}

function currentStep(): number {
  return Math.floor(Date.now() / 1000 / 30);
}

/** RFC 6238, as an authenticator app computes it. */
function totp(secret: string, offset = 0): string {
  return totpAt(secret, currentStep() + offset);
}

function totpAt(secret: string, step: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const h = crypto.createHmac('sha1', base32Decode(secret)).update(counter).digest();
  const o = h[h.length - 1] & 0xf;
  const bin = ((h[o] & 0x7f) << 24) | (h[o + 1] << 16) | (h[o + 2] << 8) | h[o + 3];
  return String(bin % 1_000_000).padStart(6, '0');
}

let enrolledSecret = '';
let lastUsedStep = 0;
function storedSecret(): string {
  if (!enrolledSecret) throw new Error('the enrolment test must run first');
  return enrolledSecret;
}

// covers: ADM-6, ADM-1
test('an admin sets up the second factor at first login and uses it at the next', async ({ page }) => {
  await login(page, ADMIN, demoPassword(ADMIN));
  await expect(page.getByRole('heading', { name: 'Tvåstegsverifiering' })).toBeVisible();
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
  await page.getByRole('button', { name: 'Skapa nyckel' }).click();
  const secret = (await page.getByLabel('Nyckel').textContent())!.trim();
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  enrolledSecret = secret;
  await expectAccessible(page);
  await page.getByLabel('Kod från appen').fill('000000');
  await page.getByRole('button', { name: 'Bekräfta' }).click();
  await expect(page.getByText('Koden stämmer inte.')).toBeVisible();
  await page.getByLabel('Kod från appen').fill(totp(secret));
  await page.getByRole('button', { name: 'Bekräfta' }).click();
  await expect(page.getByRole('list', { name: 'Återställningskoder' }).getByRole('listitem')).toHaveCount(10);
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Fortsätt' }).click();
  await expect(page.getByRole('heading', { name: 'Välkommen, Demo Administratör' })).toBeVisible();

  await page.getByRole('navigation', { name: 'Profil' }).getByRole('button', { expanded: false }).click();
  await page.getByRole('button', { name: 'Logga ut' }).click();
  await expect(page.getByRole('heading', { name: 'Logga in' })).toBeVisible();
  await login(page, ADMIN, demoPassword(ADMIN));
  await expect(page.getByLabel('Engångskod')).toBeVisible();
  await expectAccessible(page);
  lastUsedStep = currentStep() + 1;
  await page.getByLabel('Engångskod').fill(totpAt(secret, lastUsedStep));
  await page.getByRole('button', { name: 'Verifiera' }).click();
  await expect(page.getByRole('heading', { name: 'Välkommen, Demo Administratör' })).toBeVisible();

  // ADM-1: admins create further staff; ADM-5: it shows in the audit log.
  await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Administration' }).click();
  await expect(page.getByRole('heading', { name: 'Administration', level: 1 })).toBeVisible();
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
  await page.getByLabel('Användarnamn (e-postadress)').fill('ny.handlaggare@natbolaget.example');
  await page.getByLabel('Namn', { exact: true }).fill('Nina Ny');
  await page.getByLabel('Roll').selectOption({ label: 'Handläggare, elanläggning' });
  await page.getByRole('button', { name: 'Skapa konto' }).click();
  await expect(page.getByText('Kontot för Nina Ny är skapat.')).toBeVisible();
  await expect(page.getByRole('cell', { name: 'ny.handlaggare@natbolaget.example' })).toBeVisible();
  await page.getByLabel('Person (användarnamn)').fill(ADMIN);
  await page.getByRole('button', { name: 'Sök i loggen' }).click();
  await expect(page.getByRole('cell', { name: 'Personalkonto skapat' })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'e-post: ny.handlaggare@natbolaget.example', exact: false }).first()).toBeVisible();
  await expectAccessible(page);
  // The same search as a file.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Exportera sökningen som CSV' }).click();
  const csv = await download;
  expect(csv.suggestedFilename()).toBe('granskningslogg.csv');
  const text = fs.readFileSync(await csv.path(), 'utf8');
  expect(text).toContain('Personalkonto skapat;admin.staff_created');
  // ADM-1: the new handler chooses a password through the mailed link; nobody else saw one.
  const code = mailedCode('ny.handlaggare@natbolaget.example', 'valj-losenord?kod=');
  expect(code).toHaveLength(64);
  await open(page, `/valj-losenord?kod=${code}`);
  await page.getByLabel('Nytt lösenord').fill('ninas-egna-lösen-77');
  await page.getByLabel('Upprepa lösenordet').fill('ninas-egna-lösen-77');
  await page.getByLabel('Jag har läst och godkänner villkoren och de tekniska anvisningarna').check();
  await page.getByRole('button', { name: 'Spara lösenord' }).click();
  await expect(page.getByText('Lösenordet är sparat. Logga in med användarnamnet ny.handlaggare@natbolaget.example.')).toBeVisible();
});

/**
 * The next code the enrolled admin's app would show: the first test enrolled
 * the admin on this server; codes are single use, so a newer one than the
 * last used, at most one step ahead of now.
 */
async function nextCode(page: Page): Promise<string> {
  const next = lastUsedStep + 1;
  while (currentStep() + 1 < next) await page.waitForTimeout(1000);
  lastUsedStep = next;
  return totpAt(storedSecret(), next);
}

/** Logs the (already enrolled) admin in with the next code the app would show. */
async function loginAdmin(page: Page) {
  await login(page, ADMIN, demoPassword(ADMIN));
  await expect(page.getByLabel('Engångskod')).toBeVisible();
  await page.getByLabel('Engångskod').fill(await nextCode(page));
  await page.getByRole('button', { name: 'Verifiera' }).click();
  await expect(page.getByRole('heading', { name: 'Välkommen, Demo Administratör' })).toBeVisible();
}

// covers: ADM-2
test('an admin enters a behörighetsnummer and sees that installer\'s view', async ({ page }) => {
  await loginAdmin(page);
  await expect(page.getByRole('heading', { name: 'Arbeta som installatör' })).toBeVisible();
  await expect(page.getByRole('complementary', { name: 'Mina team' })).toHaveCount(0);
  await expectAccessible(page);
  await page.getByLabel('Behörighetsnummer').fill('19800412-1235');
  await page.getByRole('button', { name: 'Fortsätt' }).click();
  await expect(page.getByText('Admin för Anna Lindqvist')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Välkommen, Anna Lindqvist' })).toBeVisible();
  // Team IDs show on hover in the left column.
  const res = await page.request.post('/api/teams/create', {
    form: { organisationsnummer: '556123-4500', name: 'Skapat av kundservice', contact_name: 'K', contact_email: 'k@e.se', contact_phone: '0701234567' },
  });
  expect(res.status()).toBe(200);
  await page.reload();
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
  const team = page.getByRole('complementary', { name: 'Mina team' }).getByRole('link', { name: 'Skapat av kundservice' });
  await expect(team).toHaveAttribute('title', /^Team-ID: \d+$/);
  await team.hover();
  await page.getByRole('button', { name: 'Byt installatör' }).click();
  await expect(page.getByRole('heading', { name: 'Arbeta som installatör' })).toBeVisible();
});

/** Opens `Admin Flytta ärenden` from the profile menu. */
async function openAdminMove(page: Page) {
  await page.getByRole('navigation', { name: 'Profil' }).getByRole('button', { expanded: false }).click();
  await page.getByRole('link', { name: 'Admin Flytta ärenden' }).click();
  await expect(page.getByRole('heading', { name: 'Admin Flytta ärenden', level: 1 })).toBeVisible();
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
}

async function findCasesOf(page: Page, personnummer: string) {
  await page.getByLabel('Personnummer eller behörighetsnummer', { exact: true }).fill(personnummer);
  await page.getByRole('button', { name: 'Sök' }).first().click();
}

async function chooseReceiver(page: Page, personnummer: string, team: string) {
  await page.getByRole('button', { name: 'Flytta ärenden till annan installatör' }).click();
  await page.getByLabel('Mottagarens personnummer eller behörighetsnummer').fill(personnummer);
  await page.getByRole('region', { name: 'Flytta ärenden till annan installatör' }).getByRole('button', { name: 'Sök' }).click();
  await expect(page.getByText('Mottagare:')).toBeVisible();
  if (team) await page.getByLabel('Team att koppla ärendena till').selectOption({ label: team });
}

// covers: ADM-7
test('Användare: an admin finds an installer, deactivates the account and activates it again', async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  const erik = await (await browser.newContext()).newPage();
  await loginAdmin(page);
  await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Användare' }).click();
  await expect(page.getByRole('heading', { name: 'Användare', level: 1 })).toBeVisible();
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
  await page.getByLabel('Namn, personnummer, e-post, organisationsnummer eller team').fill('stockholmsel');
  await page.getByRole('button', { name: 'Sök' }).click();
  await page.getByRole('link', { name: 'Erik Johansson' }).click();
  await expect(page.getByRole('heading', { name: 'Erik Johansson', level: 1 })).toBeVisible();
  await expect(page.getByText('Aktivt konto')).toBeVisible();
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Inaktivera konto' }).click();
  await expect(page.getByText('Kontot är inaktiverat. Inloggningar är avslutade.')).toBeVisible();
  await expect(page.getByText('Inaktiverat konto')).toBeVisible();
  // Erik cannot log in now, and is told why.
  await login(erik, ERIK, demoPassword(ERIK));
  await expect(erik.getByText('Kontot är inaktiverat', { exact: false })).toBeVisible();

  await page.getByRole('button', { name: 'Aktivera konto' }).click();
  await expect(page.getByText('Kontot är aktivt igen.')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Logg' }).getByText('Konto aktiverat igen')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Logg' }).getByText('Konto inaktiverat')).toBeVisible();
  await loginDemo(erik, ERIK);
});

// covers: ADM-8
test('Register: an admin adds an authorization and corrects a company', async ({ page }) => {
  await loginAdmin(page);
  await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Register' }).click();
  await expect(page.getByRole('heading', { name: 'Register', level: 1 })).toBeVisible();
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
  await page.getByLabel('Register', { exact: true }).selectOption({ label: 'Elsäkerhetsverket: behörigheter' });
  await page.getByLabel('Personnummer, organisationsnummer, behörighetsnummer eller e-postadress').fill('AB 77777');
  await page.getByRole('button', { name: 'Sök' }).click();
  await expect(page.getByRole('heading', { name: 'Posten finns inte – lägg till den' })).toBeVisible();
  await page.getByLabel('Innehavare').fill('Ny Innehavare');
  await page.getByRole('button', { name: 'Lägg till' }).click();
  await expect(page.getByText('Ange omfattning.', { exact: false })).toBeVisible();
  await page.getByLabel('Omfattning').fill('AB');
  await page.getByRole('button', { name: 'Lägg till' }).click();
  await expect(page.getByText('Posten är tillagd.')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Posten', exact: true })).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel('Register', { exact: true }).selectOption({ label: 'Elsäkerhetsverket: registrerade företag' });
  await page.getByLabel('Personnummer, organisationsnummer, behörighetsnummer eller e-postadress').fill('556345-6721');
  await page.getByRole('button', { name: 'Sök' }).click();
  await expect(page.getByLabel('Företagsnamn')).toHaveValue('Byggström El AB');
  await page.getByLabel('Ort').fill('Köping');
  await page.getByRole('button', { name: 'Spara rättelsen' }).click();
  await expect(page.getByText('Posten är rättad.')).toBeVisible();
});

// covers: ADM-3, ADM-4, ADM-2
test('section 11: an admin moves two cases to another installer; across companies only with approval', async ({ browser }) => {
  // A departed installer's two cases; a colleague at the same company who is not in the team; another company.
  const anna = await (await browser.newContext()).newPage();
  await loginDemo(anna, ANNA);
  const annaTeam = await apiCreateTeam(anna, 'Norr drift');
  const first = await apiSubmittedFuseChange(anna, annaTeam, '735999000000009016');
  const second = await apiSubmittedFuseChange(anna, annaTeam, '735999000000009023');
  const sara = await (await browser.newContext()).newPage();
  await loginDemo(sara, SARA);
  await apiCreateTeam(sara, 'Norr kontor');
  const erik = await (await browser.newContext()).newPage();
  await loginDemo(erik, ERIK);
  await apiCreateTeam(erik, 'Stockholm service', '556234-5610');

  const page = await (await browser.newContext()).newPage();
  await loginAdmin(page);
  await page.getByLabel('Behörighetsnummer').fill('19800412-1235');
  await page.getByRole('button', { name: 'Fortsätt' }).click();
  await expect(page.getByText('Admin för Anna Lindqvist')).toBeVisible();
  await expect(page.getByRole('complementary', { name: 'Mina team' }).getByRole('link', { name: 'Norr drift' }))
    .toHaveAttribute('title', `Team-ID: ${annaTeam}`);

  await openAdminMove(page);
  await findCasesOf(page, '19800412-1235');
  await expect(page.getByRole('heading', { name: 'Flyttbara ärenden hos Anna Lindqvist' })).toBeVisible();
  await page.getByLabel(`Markera ${first}`).check();
  await page.getByLabel(`Markera ${second}`).check();
  await expectAccessible(page);
  await chooseReceiver(page, '19881130-3455', '');
  // The team is required.
  await page.getByRole('button', { name: 'Flytta ärenden', exact: true }).click();
  await expect(page.getByText('Välj vilket av mottagarens team ärendena ska kopplas till.')).toBeVisible();
  await page.getByLabel('Team att koppla ärendena till').selectOption({ label: 'Norr kontor (556123-4500)' });
  await page.getByRole('button', { name: 'Flytta ärenden', exact: true }).click();
  await expect(page.getByText('2 ärenden flyttades till Sara Nilsson.')).toBeVisible();
  await expect(page.getByText('Installatören har inga ärenden som kan flyttas', { exact: false })).toBeVisible();
  await expectAccessible(page);

  // Across companies: refused until the customer's approval is attached.
  await findCasesOf(page, '19881130-3455');
  await expect(page.getByRole('heading', { name: 'Flyttbara ärenden hos Sara Nilsson' })).toBeVisible();
  await page.getByLabel(`Markera ${first}`).check();
  await chooseReceiver(page, '19750923-2349', 'Stockholm service (556234-5610)');
  await page.getByRole('button', { name: 'Flytta ärenden', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText(`${first} saknar kundens godkännande`);

  await page.getByRole('link', { name: first }).click();
  await expect(page.getByRole('heading', { name: 'Bevis för flytt till annat företag' })).toBeVisible();
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
  await page.getByLabel('Typ av bilaga').selectOption('kundens_godkannande');
  await page.getByLabel('Fil (PDF, JPEG eller PNG, högst 10 MB)').setInputFiles({ ...PDF, name: 'godkannande.pdf' });
  await page.getByRole('button', { name: 'Ladda upp' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Bilagan är sparad.' })).toBeVisible();

  await openAdminMove(page);
  await findCasesOf(page, '19881130-3455');
  await page.getByLabel(`Markera ${first}`).check();
  await chooseReceiver(page, '19750923-2349', 'Stockholm service (556234-5610)');
  await page.getByRole('button', { name: 'Flytta ärenden', exact: true }).click();
  await expect(page.getByText('1 ärende flyttades till Erik Johansson.')).toBeVisible();

  // The receiving installer has it.
  await open(erik, '/arenden');
  await expect(erik.getByRole('link', { name: first })).toBeVisible();
});

// covers: ACC-5, ACC-7
test('a foreign installer\'s support request is completed by an admin', async ({ browser }) => {
  const installer = await (await browser.newContext()).newPage();
  await open(installer, '/logga-in');
  await installer.getByRole('link', { name: 'Utländsk installatör, eller installatör utan företag?' }).click();
  await installer.getByRole('link', { name: 'Ärende till support: konto för utländsk installatör' }).click();
  await expect(installer.getByRole('heading', { name: 'Ärende till support', level: 1 })).toBeVisible();
  await expect(installer.locator('body[data-hydrated="true"]')).toBeAttached();
  await expect(installer.getByLabel('Konto för utländsk installatör')).toBeChecked();
  await installer.getByLabel('Namn', { exact: true }).fill('Mads Nielsen');
  await installer.getByLabel('E-postadress', { exact: true }).fill('mads@elektro.dk');
  await installer.getByLabel('Mobilnummer').fill('+45 20 12 34 56');
  await installer.getByLabel('Behörighetsnummer').fill('DK-EL-7781');
  await expectAccessible(installer);
  // The certificate is required.
  await installer.getByRole('button', { name: 'Skicka' }).click();
  await expect(installer.getByText('Bifoga intyg från elsäkerhetsverket.')).toBeVisible();
  await installer.getByLabel('Intyg från Elsäkerhetsverket (PDF, JPEG eller PNG, högst 10 MB)').setInputFiles({ ...PDF, name: 'intyg.pdf' });
  await installer.getByRole('button', { name: 'Skicka' }).click();
  await expect(installer.getByText('Tack! Ärendet är skickat.', { exact: false })).toBeVisible();
  await expect(installer.getByText('Inkommet')).toBeVisible();
  const statusUrl = installer.url().replace(/\?.*$/, '');
  await expectAccessible(installer);

  const admin = await (await browser.newContext()).newPage();
  await loginAdmin(admin);
  await admin.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Supportärenden' }).click();
  await expect(admin.getByRole('heading', { name: 'Supportärenden' })).toBeVisible();
  await expectAccessible(admin);
  await admin.getByRole('row', { name: /mads@elektro\.dk/ }).getByRole('link', { name: 'Konto för utländsk installatör' }).click();
  await expect(admin.getByRole('heading', { name: 'Supportärende: Konto för utländsk installatör' })).toBeVisible();
  await expect(admin.locator('body[data-hydrated="true"]')).toBeAttached();
  await expect(admin.getByRole('link', { name: 'intyg.pdf' })).toBeVisible();
  await admin.getByRole('button', { name: 'Ta ärendet', exact: true }).click();
  await expect(admin.getByText('Du handlägger nu ärendet.')).toBeVisible();
  await expect(admin.getByLabel('Behörighetsnummer')).toHaveValue('DK-EL-7781');
  await expectAccessible(admin);
  await admin.getByRole('button', { name: 'Skapa och avsluta ärendet' }).click();
  await expect(admin.getByText(/Ärendet är klart\. Skapat: Konto/)).toBeVisible();

  await installer.goto(statusUrl);
  await expect(installer.getByText('Klart', { exact: true })).toBeVisible();
  await expect(installer.getByText('Du får ett separat mejl med en länk där du väljer ditt lösenord.', { exact: false })).toBeVisible();
});

// covers: TEAM-8
test('an admin creates a team for a municipality, marked as manually approved', async ({ browser }) => {
  const admin = await (await browser.newContext()).newPage();
  await loginAdmin(admin);
  await open(admin, '/admin/skapa-manuellt');
  await expect(admin.getByRole('heading', { name: 'Skapa konto eller team manuellt' })).toBeVisible();
  await admin.getByLabel('Team för kommun eller liknande').check();
  await admin.getByLabel('Teamägarens användarnamn').fill(ANNA);
  await admin.getByLabel('Organisationens namn').fill('Elstads kommun');
  await admin.getByLabel('Organisationsnummer').fill('212000-0143');
  await admin.getByLabel('Namn på teamet').fill('Elstads fastighetsel');
  await admin.getByLabel('Kontaktperson för teamet').fill('Anna Lindqvist');
  await admin.getByLabel('Teamets e-postadress').fill('fastighet@elstad.example');
  await admin.getByLabel('Teamets telefonnummer').fill('0701234567');
  await admin.getByLabel('Behörighetsbevis (PDF, JPEG eller PNG, högst 10 MB)').setInputFiles({ ...PDF, name: 'behorighet.pdf' });
  // The organisation number must parse; the browser says so before sending.
  await admin.getByRole('button', { name: 'Skapa' }).click();
  await expect(admin.getByText('Organisationsnummer: ', { exact: false })).toBeVisible();
  await admin.getByLabel('Organisationsnummer').fill('212000-0142');
  await admin.getByRole('button', { name: 'Skapa' }).click();
  await expect(admin.getByText(/Teamet \(team-id \d+\) är skapat och markerat som manuellt godkänt\./)).toBeVisible();
  await expectAccessible(admin);

  // The owner sees it at once, marked as manually approved.
  const anna = await (await browser.newContext()).newPage();
  await loginDemo(anna, ANNA);
  await anna.getByRole('complementary', { name: 'Mina team' }).getByRole('link', { name: 'Elstads fastighetsel' }).click();
  await expect(anna.getByText('Manuellt godkänt')).toBeVisible();
});

// covers: UX-1, ADM-6
test('without scripts the admin logs in with the second factor', async ({ browser }) => {
  const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await page.goto('/logga-in');
  await page.getByLabel('Användarnamn (e-postadress)').fill(ADMIN);
  await page.getByLabel('Lösenord').fill(demoPassword(ADMIN));
  await page.getByRole('button', { name: 'Logga in' }).click();
  await expect(page.getByLabel('Engångskod')).toBeVisible();
  await page.getByLabel('Engångskod').fill('000000');
  await page.getByRole('button', { name: 'Verifiera' }).click();
  await expect(page.getByText('Koden stämmer inte.')).toBeVisible();
  await expect(page.getByLabel('Engångskod')).toHaveValue('');
  await page.getByLabel('Engångskod').fill(await nextCode(page));
  await page.getByRole('button', { name: 'Verifiera' }).click();
  await expect(page.getByRole('heading', { name: 'Välkommen, Demo Administratör' })).toBeVisible();
});

// covers: CASE-11, ADM-5
test('the outbox is paged and a waiting message is tried again at once; the log says who did it', async ({ page }) => {
  await loginAdmin(page);
  await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Administration' }).click();
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
  const outbox = page.getByRole('region', { name: 'Utkorg (e-post till installatörer)' });
  await expect(outbox.getByRole('navigation', { name: 'Sidor' })).toContainText('meddelanden');
  await outbox.getByRole('button', { name: 'Försök igen nu' }).first().click();
  await expect(outbox.getByText('Meddelandet skickas igen.')).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel('Person (användarnamn)').fill(ADMIN);
  await page.getByRole('button', { name: 'Sök i loggen' }).click();
  await expect(page.getByRole('cell', { name: 'E-post skickas igen' }).first()).toBeVisible();
});
