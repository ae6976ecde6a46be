import { test, expect, expectAccessible, loginDemo, open, apiCreateTeam, apiSubmittedFuseChange, ANNA, SARA } from './fixtures';

// covers: TEAM-1, TEAM-3, TEAM-4, TEAM-7, TEAM-9
test('an owner builds a team; the member sees every change live; ownership is handed over', async ({ browser }) => {
  const owner = await (await browser.newContext()).newPage();
  const member = await (await browser.newContext()).newPage();
  await loginDemo(owner, ANNA);
  await loginDemo(member, SARA);
  const memberTeams = member.getByRole('complementary', { name: 'Mina team' });

  // Skapa nytt team → Hitta företagsdetaljer.
  await owner.getByRole('link', { name: 'Skapa nytt team' }).click();
  await expect(owner.getByRole('heading', { name: 'Skapa nytt team', level: 1 })).toBeVisible();
  await owner.getByLabel('Organisationsnummer').fill('556036-0793');
  await owner.getByRole('button', { name: 'Hitta företagsdetaljer' }).click();
  await expect(owner.getByText('finns i Elsäkerhetsverkets register', { exact: false })).toBeVisible();
  await owner.getByLabel('Organisationsnummer').fill('556123-4500');
  await owner.getByRole('button', { name: 'Hitta företagsdetaljer' }).click();
  await expect(owner.getByRole('heading', { name: 'Elektriska Installationer Norr AB' })).toBeVisible();
  await expect(owner.getByLabel('Kontaktperson')).toHaveValue('Anna Lindqvist');
  await expect(owner.getByLabel('E-post')).toHaveValue(ANNA);
  await expectAccessible(owner);
  await owner.getByLabel('Teamets namn').fill('Umeå service');
  await owner.getByRole('button', { name: 'Skapa team' }).click();
  await expect(owner.getByRole('heading', { name: /Umeå service/, level: 1 })).toBeVisible();
  await expect(owner.getByText('Du är ägare')).toBeVisible();
  await expectAccessible(owner);

  // Lägg till medlem: the member's open page shows the team without a reload.
  await expect(memberTeams.getByRole('link', { name: 'Umeå service' })).toHaveCount(0);
  await owner.getByRole('link', { name: 'Lägg till medlem' }).click();
  const dialog = owner.getByRole('dialog', { name: 'Lägg till medlem' });
  await expect(dialog).toBeVisible();
  await expectAccessible(owner);
  await dialog.getByLabel('Användarnamn (e-postadress)').fill('finns.inte@elnorr.example');
  await dialog.getByRole('button', { name: 'Lägg till' }).click();
  await expect(dialog.getByText('behöver först skapa ett konto')).toBeVisible();
  await dialog.getByLabel('Användarnamn (e-postadress)').fill(SARA);
  await dialog.getByRole('button', { name: 'Lägg till' }).click();
  await expect(owner.getByRole('status').filter({ hasText: 'Medlemmen har lagts till' })).toBeVisible();
  await expect(memberTeams.getByRole('link', { name: 'Umeå service' })).toBeVisible();

  // Ta bort från team → Ta bort: gone from the member's page too.
  await owner.getByRole('link', { name: 'Ta bort från team: Sara Nilsson' }).click();
  const confirm = owner.getByRole('dialog', { name: 'Ta bort Sara Nilsson?' });
  await confirm.getByRole('button', { name: 'Ta bort', exact: true }).click();
  await expect(owner.getByRole('status').filter({ hasText: 'Medlemmen har tagits bort' })).toBeVisible();
  await expect(memberTeams.getByRole('link', { name: 'Umeå service' })).toHaveCount(0);

  // Hand over ownership: offer, the member accepts, both see the swap.
  await owner.getByRole('link', { name: 'Lägg till medlem' }).click();
  await dialog.getByLabel('Användarnamn (e-postadress)').fill(SARA);
  await dialog.getByRole('button', { name: 'Lägg till' }).click();
  await owner.getByRole('button', { name: 'Erbjud ägarskap: Sara Nilsson' }).click();
  await expect(owner.getByText('Du har erbjudit')).toBeVisible();
  await memberTeams.getByRole('link', { name: /Du har erbjudits att bli ägare av Umeå service/ }).click();
  await expect(member.getByRole('heading', { name: /Umeå service/, level: 1 })).toBeVisible();
  await expectAccessible(member);
  await member.getByRole('button', { name: 'Acceptera ägarskapet' }).click();
  await expect(member.getByText('Du är ägare')).toBeVisible();
  await expect(member.getByRole('link', { name: 'Lägg till medlem' })).toBeVisible();
  // The former owner's page follows, without a reload.
  await expect(owner.getByText('Du är ägare')).toHaveCount(0);
  await expect(owner.getByRole('link', { name: 'Lägg till medlem' })).toHaveCount(0);
  await expect(owner.getByRole('row', { name: /Sara Nilsson.*Ägare/ })).toBeVisible();
});

// covers: TEAM-4, CASE-4, CASE-5
test('the owner renames the team and overviews every member’s cases', async ({ page }) => {
  await loginDemo(page, ANNA);
  const team = await apiCreateTeam(page, 'Före namnbyte');
  await apiSubmittedFuseChange(page, team, '735999000000098720');
  await open(page, `/team/${team}`);
  await page.getByRole('link', { name: 'Ändra teamuppgifter' }).click();
  const dialog = page.getByRole('dialog', { name: 'Ändra teamuppgifter' });
  await dialog.getByLabel('Telefon').fill('abc');
  await dialog.getByRole('button', { name: 'Spara' }).click();
  await expect(dialog.getByText('Telefonnumret får bara innehålla siffror')).toBeVisible();
  await dialog.getByLabel('Teamnamn').fill('Efter namnbyte');
  await dialog.getByLabel('Telefon').fill('070-999 88 77');
  await dialog.getByRole('button', { name: 'Spara' }).click();
  await expect(page.getByRole('heading', { name: /Efter namnbyte/, level: 1 })).toBeVisible();
  await expect(page.getByText('+46709998877')).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('link', { name: 'Teamets ärenden' }).click();
  await expect(page.getByRole('heading', { name: 'Ärenden i Efter namnbyte', level: 1 })).toBeVisible();
  await expect(page.getByRole('table').getByRole('row').nth(1)).toContainText('Anna Lindqvist');
  await page.getByLabel('Läge').selectOption({ label: 'Utkast' });
  await expect(page.getByText('Inga ärenden.')).toBeVisible();
  await expectAccessible(page);
});
