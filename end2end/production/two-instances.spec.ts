import { Page, Response } from '@playwright/test';
import { test, expect, loginDemo, demoPassword, open, newCase, fillCommonCaseFields, PDF, ANNA, SARA, ERIK } from '../tests/fixtures';

// Set by scripts/two-instances.sh: nginx's address for each instance alone,
// and the instances' own addresses as nginx names them (X-Upstream).
const A = process.env.E2E_INSTANCE_A!;
const B = process.env.E2E_INSTANCE_B!;
const UPSTREAM_A = process.env.E2E_UPSTREAM_A!;
const UPSTREAM_B = process.env.E2E_UPSTREAM_B!;

/** Who answered each of the page's responses. */
function answeredBy(page: Page): Set<string> {
  const seen = new Set<string>();
  page.on('response', (r: Response) => {
    const upstream = r.headers()['x-upstream'];
    if (upstream) seen.add(upstream);
  });
  return seen;
}

// Contexts that visit both instances send no fixed Origin header: Chromium
// refuses a script request whose Origin is not the page's own.

// Issue 16: any instance answers any request — sessions, live updates and
// attachments live in PostgreSQL, its NOTIFY and the shared store.
// covers: TEAM-1, TEAM-9, CASE-9
test('two instances behind nginx serve one portal', async ({ browser }) => {
  // The owner logs in through instance A (and works on B below) …
  const owner = await (await browser.newContext({ baseURL: B, extraHTTPHeaders: {} })).newPage();
  const ownerAnswers = answeredBy(owner);
  await open(owner, `${A}/logga-in`);
  await owner.getByLabel('Användarnamn (e-postadress)').fill(ANNA);
  await owner.getByLabel('Lösenord').fill(demoPassword(ANNA));
  await owner.getByRole('button', { name: 'Logga in' }).click();
  await expect(owner.getByRole('heading', { name: /^Välkommen/ })).toBeVisible();
  expect([...ownerAnswers]).toEqual([UPSTREAM_A]);

  // … while the member's open page is served, and pushed to, by instance A.
  const member = await (await browser.newContext({ baseURL: A, extraHTTPHeaders: {} })).newPage();
  await loginDemo(member, SARA);
  const memberTeams = member.getByRole('complementary', { name: 'Mina team' });

  // The owner's session holds on instance B: the team is made there.
  await open(owner, '/nytt-team');
  await owner.getByLabel('Organisationsnummer').fill('556123-4500');
  await owner.getByRole('button', { name: 'Hitta företagsdetaljer' }).click();
  await expect(owner.getByRole('heading', { name: 'Elektriska Installationer Norr AB' })).toBeVisible();
  await owner.getByLabel('Teamets namn').fill('Två instanser');
  await owner.getByRole('button', { name: 'Skapa team' }).click();
  await expect(owner.getByRole('heading', { name: /Två instanser/, level: 1 })).toBeVisible();

  // Lägg till medlem on B: the member's page on A shows the team without a reload.
  await owner.getByRole('link', { name: 'Lägg till medlem' }).click();
  const dialog = owner.getByRole('dialog', { name: 'Lägg till medlem' });
  await dialog.getByLabel('Användarnamn (e-postadress)').fill(SARA);
  await dialog.getByRole('button', { name: 'Lägg till' }).click();
  await expect(owner.getByRole('status').filter({ hasText: 'Medlemmen har lagts till' })).toBeVisible();
  await expect(memberTeams.getByRole('link', { name: 'Två instanser' })).toBeVisible();

  // A case and its attachment, uploaded through B …
  await newCase(owner, 'Ny anslutning', 'Två instanser');
  expect(new URL(owner.url()).origin).toBe(B);
  await fillCommonCaseFields(owner, 'Proxy AB');
  await owner.getByLabel('Typ av bilaga').selectOption('situationsplan');
  await owner.getByLabel('Fil (PDF, JPEG eller PNG, högst 10 MB)').setInputFiles(PDF);
  await owner.getByRole('button', { name: 'Ladda upp' }).click();
  await expect(owner.getByRole('status').filter({ hasText: 'Bilagan är sparad.' })).toBeVisible();
  const href = await owner.getByRole('link', { name: PDF.name, exact: true }).getAttribute('href');
  expect(href).toMatch(/^\/api\/cases\/\d+\/attachments\/\d+$/);
  expect(ownerAnswers).toContain(UPSTREAM_B);

  // … and downloaded through A, byte for byte.
  const download = await owner.request.get(`${A}${href}`);
  expect(download.status()).toBe(200);
  expect(download.headers()['x-upstream']).toBe(UPSTREAM_A);
  expect(Buffer.compare(await download.body(), PDF.buffer)).toBe(0);

  // Through the round-robin address both instances answer one person's work.
  const dealt = await browser.newPage();
  const dealtAnswers = answeredBy(dealt);
  await loginDemo(dealt, ERIK);
  await open(dealt, '/arenden');
  await open(dealt, '/mina-uppgifter');
  await open(dealt, '/');
  expect([...dealtAnswers].sort()).toEqual([UPSTREAM_A, UPSTREAM_B].sort());
});
