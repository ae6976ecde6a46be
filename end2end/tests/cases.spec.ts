import {
  reportCompletion, apiSubmittedFuseChange, apiRequestSupplement,
  test, expect, open, expectAccessible, loginDemo, loginStaff, apiCreateTeam, apiAddMember,
  fillCommonCaseFields, newCase, ANNA, SARA, FREDRIK, HANNA, PDF,
} from './fixtures';
import { Page } from '@playwright/test';

async function submit(page: Page) {
  await page.getByRole('button', { name: 'Skicka in föranmälan' }).click();
  await expect(page.getByText('Pågående', { exact: true })).toBeVisible();
}

async function fillFuseChange(page: Page, gsrn = '735999000000000013') {
  await fillCommonCaseFields(page);
  await page.getByLabel('Anläggnings-ID *').fill(gsrn);
  await page.getByLabel('Nuvarande huvudsäkring (A) *').selectOption('16');
  await page.getByLabel('Ny huvudsäkring (A) *').selectOption('25');
  await page.getByLabel('Antal faser *').selectOption('3');
}

async function uploadSitePlan(page: Page) {
  await page.getByLabel('Typ av bilaga').selectOption('situationsplan');
  await page.getByLabel('Fil (PDF, JPEG eller PNG, högst 10 MB)').setInputFiles(PDF);
  await page.getByRole('button', { name: 'Ladda upp' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Bilagan är sparad.' })).toBeVisible();
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
}

// covers: CASE-1, CASE-3, CASE-9, ID-6
test('an installer creates and submits a case of each group', async ({ page }) => {
  await loginDemo(page, ANNA);
  await apiCreateTeam(page, 'Alla grupper');

  // Ny permanent anslutning: a new connection needs a site plan.
  await newCase(page, 'Ny anslutning', 'Alla grupper');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Skicka in föranmälan' }).click();
  await expect(page.getByText('Ärendet kunde inte skickas. Rätta det som är markerat.')).toBeVisible();
  await expect(page.getByText('Bifoga: Situationsplan.')).toBeVisible();
  await fillCommonCaseFields(page, 'Nybygge AB');
  await page.getByLabel('Huvudsäkring (A) *').selectOption('25');
  await page.getByLabel('Antal faser *').selectOption('3');
  await page.getByLabel('Typ av byggnad *').fill('Villa');
  await page.getByLabel('Antal mätpunkter *').fill('1');
  await page.getByLabel('Antal mätpunkter *').blur();
  await expect(page.getByText('Utkastet är sparat.')).toBeVisible();
  await uploadSitePlan(page);
  // Nothing typed was lost across the upload's page load.
  await expect(page.getByLabel('Typ av byggnad *')).toHaveValue('Villa');
  await submit(page);
  await expectAccessible(page);

  // Ny tillfällig anslutning: construction power for at most a year.
  await newCase(page, 'Byggström', 'Alla grupper');
  await fillCommonCaseFields(page, 'Byggbolaget AB');
  await page.getByLabel('Fastighetsbeteckning').fill('Göteborg Kabeln 4');
  await page.getByLabel('Huvudsäkring (A) *').selectOption('35');
  await page.getByLabel('Beräknat slutdatum *').fill('2100-09-01');
  await page.getByLabel('Var byggskåpet ska stå *').fill('Vid infarten');
  await page.getByLabel('Var byggskåpet ska stå *').blur();
  await page.getByRole('button', { name: 'Skicka in föranmälan' }).click();
  await expect(page.getByText('Byggström ansluts för högst ett år åt gången')).toBeVisible();
  await page.getByLabel('Beräknat slutdatum *').fill('2099-09-01');
  await page.getByLabel('Beräknat slutdatum *').blur();
  await expect(page.getByText('Utkastet är sparat.')).toBeVisible();
  await uploadSitePlan(page);
  await submit(page);

  // Ändring på befintlig anslutning: a fuse change; a bad facility ID is caught in the browser.
  await newCase(page, 'Byte av säkring (ökning/minskning av storlek)', 'Alla grupper');
  await fillFuseChange(page, '735999000000000014');
  await page.getByLabel('Anläggnings-ID *').blur();
  await expect(page.getByText('Kontrollsiffran (sista siffran) i anläggnings-ID stämmer inte.')).toBeVisible();
  await page.getByLabel('Anläggnings-ID *').fill('735999000000000013');
  await page.getByLabel('Anläggnings-ID *').blur();
  await expect(page.getByText('Kontrollsiffran (sista siffran) i anläggnings-ID stämmer inte.')).toHaveCount(0);
  await submit(page);

  await open(page, '/arenden');
  await expect(page.getByRole('heading', { name: 'Mina ärenden' })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Nybygge AB' })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Byggbolaget AB' })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel('Sök ärendenummer, kund eller adress').fill('nybygge');
  await page.getByRole('button', { name: 'Sök' }).click();
  await expect(page.getByRole('cell', { name: 'Byggbolaget AB' })).toHaveCount(0);
  await expect(page.getByRole('cell', { name: 'Nybygge AB' })).toBeVisible();
});

// covers: CASE-10, CASE-12
test('a handler asks for supplement and the installer answers', async ({ browser }) => {
  const installer = await (await browser.newContext()).newPage();
  const handler = await (await browser.newContext()).newPage();
  await loginDemo(installer, ANNA);
  await apiCreateTeam(installer, 'Komplettering');
  await newCase(installer, 'Byte av säkring (ökning/minskning av storlek)', 'Komplettering');
  await fillFuseChange(installer, '735999000000000020');
  await submit(installer);
  const caseUrl = installer.url();
  const caseNumber = (await installer.getByRole('heading', { level: 1 }).textContent())!.split(' ')[0];

  await loginStaff(handler, FREDRIK);
  await handler.getByRole('link', { name: 'Handläggning' }).first().click();
  await expect(handler.getByRole('heading', { name: 'Handläggning' })).toBeVisible();
  await expectAccessible(handler);
  await handler.getByRole('link', { name: caseNumber }).click();
  await expect(handler.getByRole('heading', { name: new RegExp(caseNumber) })).toBeVisible();
  await handler.getByLabel('Vad behöver kompletteras?').fill('Ange varför säkringen ska ökas.');
  await handler.getByRole('button', { name: 'Begär komplettering' }).click();
  await expect(handler.getByText('Komplettera', { exact: true })).toBeVisible();

  await open(installer, caseUrl.replace(/^https?:\/\/[^/]+/, ''));
  await expect(installer.getByText('Ange varför säkringen ska ökas.').first()).toBeVisible();
  const details = installer.getByRole('region', { name: 'Uppgifter' });
  await details.getByLabel('Anledning').fill('Ny värmepump');
  await details.getByLabel('Anledning').blur();
  await expect(installer.getByText('Utkastet är sparat.')).toBeVisible();
  await installer.getByLabel('Svar till handläggaren').fill('Kunden har skaffat värmepump.');
  await installer.getByRole('button', { name: 'Skicka kompletteringen' }).click();
  await expect(installer.getByText('Pågående', { exact: true })).toBeVisible();
  const timeline = installer.getByRole('region', { name: 'Händelser' });
  await expect(timeline.getByText('Komplettering begärd')).toBeVisible();
  await expect(timeline.getByText('Kunden har skaffat värmepump.')).toBeVisible();
  await expectAccessible(installer);
});

// covers: CASE-5, CASE-6, CASE-8
test('moves between members and teams; completed cases stay; cancellation reaches the handler', async ({ browser }) => {
  const owner = await (await browser.newContext()).newPage();
  const handler = await (await browser.newContext()).newPage();
  await loginDemo(owner, ANNA);
  const first = await apiCreateTeam(owner, 'Flytt A');
  await apiCreateTeam(owner, 'Flytt B');
  await apiAddMember(owner, first, SARA);

  // Two cases in Flytt A.
  await newCase(owner, 'Byte av säkring (ökning/minskning av storlek)', 'Flytt A');
  await fillFuseChange(owner, '735999000000000037');
  await submit(owner);
  const movedNumber = (await owner.getByRole('heading', { level: 1 }).textContent())!.split(' ')[0];
  await newCase(owner, 'Byte av säkring (ökning/minskning av storlek)', 'Flytt A');
  await fillFuseChange(owner, '735999000000000044');
  await submit(owner);
  const keptNumber = (await owner.getByRole('heading', { level: 1 }).textContent())!.split(' ')[0];

  // CASE-6: Byt team på ärenden → Välj team att flytta till.
  await open(owner, '/arenden');
  await owner.getByRole('link', { name: 'Byt team på ärenden' }).click();
  await owner.getByLabel(`Markera ${keptNumber}`).check();
  await owner.getByLabel('Välj team att flytta till').selectOption({ label: 'Flytt B (556123-4500)' });
  await owner.getByRole('button', { name: 'Flytta till teamet' }).click();
  await expect(owner.getByText('1 ärende flyttades.')).toBeVisible();

  // A completed case cannot be moved.
  await owner.getByRole('link', { name: keptNumber }).click();
  // covers: CASE-14 — the report without the installer's word is refused, with the box named.
  await owner.getByRole('region', { name: 'Färdiganmälan' }).getByRole('button', { name: 'Färdiganmäl' }).click();
  await expect(owner.getByText('Intyga att installationen är kontrollerad och säker', { exact: false })).toBeVisible();
  await reportCompletion(owner, 'Klart enligt medgivandet.');
  await expect(owner.getByText('Färdiganmäld', { exact: true })).toBeVisible();
  const facts = owner.getByRole('region', { name: 'Färdiganmälan' });
  await expect(facts.getByText('M-4711')).toBeVisible();
  await expect(facts.getByText('12345 kWh')).toBeVisible();
  await open(owner, '/arenden');
  await owner.getByRole('link', { name: 'Byt team på ärenden' }).click();
  await owner.getByLabel(`Markera ${keptNumber}`).check();
  await owner.getByLabel('Välj team att flytta till').selectOption({ label: 'Flytt A (556123-4500)' });
  await owner.getByRole('button', { name: 'Flytta till teamet' }).click();
  await expect(owner.getByText('Färdiganmälda ärenden kan inte flyttas.', { exact: false })).toBeVisible();

  // CASE-5: the owner moves a case to a member from the member view.
  await open(owner, `/team/${first}`);
  await owner.getByRole('link', { name: 'Visa ärenden: Anna Lindqvist' }).click();
  await expect(owner.getByRole('heading', { name: 'Ärenden för Anna Lindqvist' })).toBeVisible();
  await owner.getByLabel(`Markera ${movedNumber}`).check();
  await owner.getByLabel('Installatör i teamet').selectOption({ label: 'Sara Nilsson' });
  await owner.getByRole('button', { name: 'Flytta ärende till annan installatör' }).click();
  await expect(owner.getByText('1 ärende flyttades.')).toBeVisible();
  await expectAccessible(owner);

  const member = await (await browser.newContext()).newPage();
  await loginDemo(member, SARA);
  await open(member, '/arenden');
  await member.getByRole('link', { name: movedNumber }).click();

  // CASE-8: the holder asks for cancellation; it reaches the unit's handler.
  await member.getByRole('link', { name: 'Makulera' }).click();
  const dialog = member.getByRole('dialog', { name: 'Makulera ärendet' });
  await dialog.getByLabel('Anledning').fill('Kunden har sålt huset.');
  await dialog.getByRole('button', { name: 'Skicka begäran om makulering' }).click();
  await expect(member.getByText('Makulering är begärd: Kunden har sålt huset.')).toBeVisible();

  await loginStaff(handler, FREDRIK);
  await open(handler, '/handlaggning');
  await handler.getByRole('link', { name: 'Begärda makuleringar' }).click();
  await handler.getByRole('link', { name: movedNumber }).click();
  await handler.getByRole('button', { name: 'Godkänn makulering' }).click();
  await expect(handler.getByText('Makulerad', { exact: true })).toBeVisible();
  // The connection unit never saw it.
  const other = await (await browser.newContext()).newPage();
  await loginStaff(other, HANNA);
  await open(other, '/handlaggning');
  await other.getByRole('link', { name: 'Begärda makuleringar' }).click();
  await expect(other.getByRole('link', { name: movedNumber })).toHaveCount(0);
});

// covers: CASE-15
test('case news shows at once: the list and the header follow, the news waits unread', async ({ browser }) => {
  const installer = await (await browser.newContext()).newPage();
  const handler = await (await browser.newContext()).newPage();
  await loginDemo(installer, ANNA);
  const team = await apiCreateTeam(installer, 'Nyheter');
  const number = await apiSubmittedFuseChange(installer, team, '735999000000000099');
  await open(installer, '/arenden');
  await expect(installer.locator('body[data-live="true"]')).toBeAttached();
  const row = installer.getByRole('row', { name: new RegExp(number) });
  await expect(row).toContainText('Pågående');

  await loginStaff(handler, FREDRIK);
  await apiRequestSupplement(handler, number, 'Bifoga foto på mätarskåpet.');

  // No reload: the row and the header change by themselves.
  await expect(row).toContainText('Komplettera');
  const news = installer.getByRole('complementary', { name: 'Mina team' }).getByRole('link', { name: /^Notiser \d+ olästa$/ });
  await expect(news).toBeVisible();
  await news.click();
  await expect(installer.getByRole('heading', { name: 'Notiser', level: 1 })).toBeVisible();
  await expect(installer.getByText('Bifoga foto på mätarskåpet.', { exact: false })).toBeVisible();
  await expectAccessible(installer);
  await installer.getByRole('button', { name: 'Markera alla som lästa' }).click();
  await expect(installer.getByText('Markerat som läst.')).toBeVisible();
  await expect(installer.getByRole('complementary', { name: 'Mina team' }).getByRole('link', { name: 'Notiser', exact: true })).toBeVisible();
});

// covers: CASE-15
test('a page just loaded goes live without fetching its data a second time, and still hears news', async ({ browser }) => {
  const installer = await (await browser.newContext()).newPage();
  await loginDemo(installer, ANNA);
  const team = await apiCreateTeam(installer, 'Laddat en gång');
  const number = await apiSubmittedFuseChange(installer, team, '735999000000000105');
  // The server allows for instances' clocks (2 s) before it vouches that nothing changed.
  await installer.waitForTimeout(2500);
  const calls: string[] = [];
  installer.on('request', (r) => {
    const url = new URL(r.url());
    if (url.pathname.startsWith('/api/') && url.pathname !== '/api/events') calls.push(url.pathname);
  });
  await open(installer, '/arenden');
  await expect(installer.locator('body[data-live="true"]')).toBeAttached();
  const row = installer.getByRole('row', { name: new RegExp(number) });
  await expect(row).toContainText('Pågående');
  await installer.waitForTimeout(1000);
  expect(calls, 'the list and the side column came with the page').toEqual([]);

  const handler = await (await browser.newContext()).newPage();
  await loginStaff(handler, FREDRIK);
  await apiRequestSupplement(handler, number, 'Bifoga foto.');
  await expect(row).toContainText('Komplettera');
  expect(calls.length, 'news makes the page refetch').toBeGreaterThan(0);
});

// covers: CASE-12
test('a handler searches the queue, takes a case, sees whom to call, and finds it among their own', async ({ browser }) => {
  const installer = await (await browser.newContext()).newPage();
  await loginDemo(installer, ANNA);
  const team = await apiCreateTeam(installer, 'Kötest');
  const number = await apiSubmittedFuseChange(installer, team, '735999000000098713');

  const handler = await (await browser.newContext()).newPage();
  await loginStaff(handler, FREDRIK);
  await open(handler, '/handlaggning');
  await handler.getByLabel('Sök ärendenummer, kund, adress eller organisationsnummer').fill(number);
  await handler.getByRole('button', { name: 'Sök' }).click();
  const rows = handler.getByRole('table').getByRole('row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText(number);
  await expect(rows.nth(1)).toContainText('–');
  await expectAccessible(handler);

  await handler.getByRole('link', { name: number }).click();
  await expect(handler.getByRole('heading', { name: 'Installatör och företag' })).toBeVisible();
  await expect(handler.getByRole('link', { name: ANNA })).toBeVisible();
  await expect(handler.getByText('Ingen handläggare har tagit ärendet.')).toBeVisible();
  await handler.getByRole('button', { name: 'Ta ärendet' }).click();
  await expect(handler.getByText('Handläggare: Fredrik Handläggare (elanläggning)')).toBeVisible();
  await expect(handler.getByRole('button', { name: 'Släpp ärendet' })).toBeVisible();
  await expectAccessible(handler);

  await open(handler, '/handlaggning?visa=mina');
  const mine = handler.getByRole('row', { name: new RegExp(number) });
  await expect(mine).toContainText('Fredrik Handläggare');
});

// covers: CASE-9, CASE-10
test('an attachment is taken away while the case may be edited, and the timeline says so', async ({ page }) => {
  await loginDemo(page, ANNA);
  await apiCreateTeam(page, 'Bilagor');
  await newCase(page, 'Ny anslutning', 'Bilagor');
  await uploadSitePlan(page);
  await expect(page.getByRole('link', { name: 'situationsplan.pdf', exact: true })).toBeVisible();
  // A PDF can be looked at in the browser as well as saved.
  await expect(page.getByRole('link', { name: 'Visa situationsplan.pdf i webbläsaren' })).toBeVisible();
  await page.getByRole('button', { name: 'Ta bort situationsplan.pdf' }).click();
  await expect(page.getByText('Inga bilagor ännu.')).toBeVisible();
  await expect(page.getByText('Bilaga borttagen')).toBeVisible();
  await expectAccessible(page);
});
