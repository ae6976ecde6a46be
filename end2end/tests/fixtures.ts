import { execFileSync } from 'child_process';
import { test as base, expect, Locator, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import * as fs from 'fs';
import * as path from 'path';

/** Persons in demo/registers.json that neither demo installers nor the Rust tests' fixed set depend on. */
export const PEOPLE = {
  oskar: { personnummer: '19830517-1350', name: 'Oskar Lund' },
  maria: { personnummer: '19910921-2465', name: 'Maria Gustafsson' },
  ali: { personnummer: '19870314-3571', name: 'Ali Karimi' },
  eva: { personnummer: '19720606-4680', name: 'Eva Sandberg' },
};
export const PASSWORD = 'gul-elcentral-2026';

/**
 * Opens a page and waits until the app has hydrated, so clicks are not lost
 * (or, on a page served without the app, such as the login page, until it is there).
 */
export async function open(page: Page, path: string) {
  await page.goto(path);
  await expect(page.locator('body:is([data-hydrated="true"], [data-app="none"])')).toBeAttached();
}

/** Fails on serious or critical accessibility violations. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

/** The routine's section 1, step by step. */
export async function register(page: Page, email: string, person: { personnummer: string; name: string }) {
  await open(page, '/registrera');
  await page.getByRole('link', { name: 'Godkänn' }).click();
  await page.getByLabel('E-postadress (blir ditt användarnamn)').fill(email);
  await page.getByRole('button', { name: 'Kontrollera användarnamn' }).click();
  await expect(page.getByRole('status')).toContainText('är ledigt');
  await fillDetails(page, person);
  await page.getByRole('button', { name: 'Registrera', exact: true }).click();
}

export async function fillDetails(page: Page, person: { personnummer: string; name: string }) {
  await page.getByLabel('Namn', { exact: true }).fill(person.name);
  await page.getByLabel('Personnummer').fill(person.personnummer);
  await page.getByLabel('Mobilnummer').fill('070-123 45 67');
  await page.getByLabel('Lösenord', { exact: true }).fill(PASSWORD);
  await page.getByLabel('Upprepa lösenordet').fill(PASSWORD);
  await page.getByLabel('Gatuadress').fill('Kabelgatan 4');
  await page.getByLabel('Postnummer').fill('411 04');
  await page.getByLabel('Ort').fill('Göteborg');
  await page.getByLabel('Elinstallatör').check();
}

export async function logout(page: Page) {
  await page.getByRole('navigation', { name: 'Profil' }).getByRole('button', { expanded: false }).click();
  await page.getByRole('button', { name: 'Logga ut' }).click();
  await expect(page.getByRole('heading', { name: 'Logga in' })).toBeVisible();
}

/**
 * Clicks something that leaves the page (a link, a form's button the
 * browser posts) and waits until the next page is there and, if it has the
 * app, hydrated.
 */
export async function clickToNextPage(page: Page, target: Locator) {
  await page.evaluate(() => { document.body.dataset.left = 'true'; });
  await target.click();
  await expect(page.locator('body:not([data-left]):is([data-hydrated="true"], [data-app="none"])')).toBeAttached();
}

/** The login page comes without the app (UX-1): the browser posts the form, and the next page is a new one. */
export async function login(page: Page, email: string, password = PASSWORD) {
  await open(page, '/logga-in');
  await page.getByLabel('Användarnamn (e-postadress)').fill(email);
  await page.getByLabel('Lösenord').fill(password);
  await clickToNextPage(page, page.getByRole('button', { name: 'Logga in' }));
}

export const test = base;
export { expect };

/** A demo installer's generated password, as the server printed and kept it for this run. */
export function demoPassword(email: string): string {
  const file = process.env.E2E_DEMO_LOGINS ?? path.resolve(__dirname, '..', '..', 'target', 'e2e', 'demo-logins.txt');
  const line = fs.readFileSync(file, 'utf8').split('\n').find((l) => l.split('\t')[1] === email);
  if (!line) throw new Error(`no demo login for ${email} in ${file}`);
  return line.split('\t')[2];
}

export const ANNA = 'anna.lindqvist@elnorr.example';
export const SARA = 'sara.nilsson@elnorr.example';
export const ERIK = 'erik.johansson@stockholmsel.example';

/** Logs a demo installer in and waits until server push is connected. */
export async function loginDemo(page: Page, email: string) {
  await login(page, email, demoPassword(email));
  await expect(page.getByRole('heading', { name: /^Välkommen/ })).toBeVisible();
  await expect(page.locator('body[data-live="true"]')).toBeAttached();
}

export const HANNA = 'handlaggare.elanslutning@natbolaget.example';
export const FREDRIK = 'handlaggare.elanlaggning@natbolaget.example';

/** Logs a demo member of staff in (no teams column, no push needed). */
export async function loginStaff(page: Page, email: string) {
  await login(page, email, demoPassword(email));
  await expect(page.getByRole('heading', { name: /^Välkommen/ })).toBeVisible();
}

/** Creates a team through the API with the page's session; returns its id. */
export async function apiCreateTeam(page: Page, name: string, orgnr = '556123-4500'): Promise<number> {
  const res = await page.request.post('/api/teams/create', {
    form: { organisationsnummer: orgnr, name, contact_name: 'Kontakt', contact_email: 'kontakt@elnorr.example', contact_phone: '0701234567' },
  });
  expect(res.status()).toBe(200);
  return (await res.json()).id;
}

export async function apiAddMember(page: Page, teamId: number, email: string) {
  const res = await page.request.post('/api/teams/add-member', { form: { team_id: String(teamId), email } });
  expect(res.status()).toBe(200);
}

/** Fills the fields every case has. */
export async function fillCommonCaseFields(page: Page, customer = 'Kalle Kund') {
  await page.getByLabel('Kundens namn *').fill(customer);
  await page.getByLabel('Kundens personnummer eller organisationsnummer *').fill('19811218-9876');
  await page.getByLabel('Anläggningens gatuadress *').fill('Kabelgatan 4');
  await page.getByLabel('Postnummer *').fill('411 04');
  await page.getByLabel('Ort *').fill('Göteborg');
  await page.getByLabel('Önskat datum *').fill('2099-03-01');
}

/** Starts a case of a type (by its label) in a team (by name, when several). */
export async function newCase(page: Page, typeLabel: string, teamName?: string) {
  await open(page, '/arenden/nytt');
  await expect(page.getByLabel(typeLabel)).toBeVisible();
  const teamSelect = page.getByLabel('Team', { exact: true });
  if (teamName && (await teamSelect.count()) > 0) await teamSelect.selectOption({ label: `${teamName} (556123-4500)` });
  await page.getByLabel(typeLabel).check();
  await page.getByRole('button', { name: 'Skapa ärende' }).click();
  await page.waitForURL(/\/arenden\/\d+$/);
  await expect(page.getByText('Utkast', { exact: true })).toBeVisible();
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
}

/** CASE-14: `Färdiganmäl` on an open case page, with today's date, a meter and the installer's word. */
export async function reportCompletion(page: Page, message = '') {
  const section = page.getByRole('region', { name: 'Färdiganmälan' });
  await section.getByLabel('Datum då arbetet utfördes').fill(new Date().toISOString().slice(0, 10));
  await section.getByLabel('Mätarnummer').fill('M-4711');
  await section.getByLabel('Mätarställning (kWh)').fill('12345');
  await section.getByLabel(/Jag intygar att installationen är kontrollerad/).check();
  if (message) await section.getByLabel('Meddelande till handläggaren (valfritt)').fill(message);
  await section.getByRole('button', { name: 'Färdiganmäl' }).click();
}

/** A tiny real PDF for uploads. */
export const PDF = { name: 'situationsplan.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n') };

/** A fuse change created and submitted through the API as the page's user; returns its case number. */
export async function apiSubmittedFuseChange(page: Page, teamId: number, gsrn: string): Promise<string> {
  const created = await page.request.post('/api/cases/create', { form: { case_type: 'byte_av_sakring', team_id: String(teamId) } });
  expect(created.status()).toBe(200);
  const id = await created.json();
  const values = {
    customer_name: 'Kalle Kund', customer_id: '19811218-9876', facility_street: 'Kabelgatan 4', facility_postal_code: '411 04',
    facility_city: 'Göteborg', desired_date: '2099-03-01', facility_id: gsrn, current_main_fuse: '16', new_main_fuse: '25', phases: '3',
  };
  expect((await page.request.post('/api/cases/save', { data: { case_id: id, values } })).status()).toBe(200);
  const submitted = await page.request.post('/api/cases/act', { form: { case_id: String(id), action: 'Submit', message: '' } });
  expect(submitted.status()).toBe(200);
  const view = await page.request.post('/api/cases/get', { form: { case_id: String(id) } });
  return (await view.json()).case_number;
}

/** A handler (logged in on `handler`) asks for a supplement to the submitted case `caseNumber`, through the API. */
export async function apiRequestSupplement(handler: Page, caseNumber: string, message: string) {
  const queue = await (await handler.request.post('/api/cases/queue', { form: { part: 'InProgress', page: '0' } })).json();
  const id = queue.rows.find((r: { case_number: string }) => r.case_number === caseNumber).id;
  const asked = await handler.request.post('/api/cases/act', { form: { case_id: String(id), action: 'RequestSupplement', message } });
  expect(asked.status()).toBe(200);
}

/** The secret of the newest link mailed to `to` whose address holds `marker`, read from the test server's outbox (like opening the mail). */
export function mailedCode(to: string, marker: string): string {
  const db = path.resolve(__dirname, '..', '..', 'target', 'e2e', 'e2e.db');
  const sql = `select body from outbox where to_email = '${to.replace(/'/g, "''")}' and body like '%${marker}%' order by id desc limit 1;`;
  const body = execFileSync('sqlite3', [db, sql]).toString();
  const start = body.indexOf(marker) + marker.length;
  return body.slice(start).match(/^[0-9a-f]+/)?.[0] ?? '';
}
