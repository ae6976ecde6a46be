import { test, expect, open, register, expectAccessible, mailedCode, PEOPLE } from './fixtures';

// covers: ACC-9, ACC-1
test('a new installer proves the e-mail address with the mailed link', async ({ page }) => {
  await register(page, 'eva.sandberg@elfirma.se', PEOPLE.eva);
  await expect(page.getByRole('heading', { name: /Välkommen/ })).toBeVisible();
  await open(page, '/mina-uppgifter');
  await expect(page.getByRole('heading', { name: 'Bekräfta din e-postadress' })).toBeVisible();
  const code = mailedCode('eva.sandberg@elfirma.se', 'bekrafta-epost?kod=');
  expect(code).toHaveLength(64);
  await open(page, `/bekrafta-epost?kod=${code}`);
  await page.getByRole('button', { name: 'Bekräfta e-postadressen' }).click();
  await expect(page.getByRole('status')).toContainText('eva.sandberg@elfirma.se är bekräftad');
  await expectAccessible(page);
  await open(page, '/mina-uppgifter');
  await expect(page.getByRole('heading', { name: 'Mina uppgifter', level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Bekräfta din e-postadress' })).toHaveCount(0);
});
