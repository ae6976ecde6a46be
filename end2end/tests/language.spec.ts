import { test, expect, open, logout, loginStaff, expectAccessible, mailedCode, FREDRIK, PEOPLE, PASSWORD } from './fixtures';

const ALI = { email: 'ali.karimi@elfirma.se', ...PEOPLE.ali };

// covers: UX-2
test('in English a person registers, gets the mail in English, creates a team, submits a case, answers the handler and reports completion; English follows them to the next login', async ({ page, browser }) => {
  await open(page, '/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { name: 'Welcome to Installatörswebben' })).toBeVisible();
  await expectAccessible(page);

  // The routine's section 1, in English.
  await open(page, '/registrera');
  await expect(page.getByRole('heading', { name: 'Register', exact: true })).toBeVisible();
  await page.getByRole('link', { name: 'Accept' }).click();
  await page.getByLabel('E-mail address (becomes your username)').fill(ALI.email);
  await page.getByRole('button', { name: 'Check username' }).click();
  await expect(page.getByRole('status')).toContainText(`The username ${ALI.email} is available.`);
  await page.getByLabel('Name', { exact: true }).fill(ALI.name);
  await page.getByLabel('Personnummer (Swedish personal identity number)').fill(ALI.personnummer);
  await page.getByLabel('Mobile number').fill('070-123 45 67');
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByLabel('Repeat the password').fill(PASSWORD);
  await page.getByLabel('Street address').fill('Kabelgatan 4');
  await page.getByLabel('Postcode').fill('411 04');
  await page.getByLabel('Town').fill('Göteborg');
  await page.getByLabel('Electrical installer (elinstallatör)').check();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Register', exact: true }).click();
  await expect(page.getByRole('heading', { name: `Welcome, ${ALI.name}` })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'My cases' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'My teams' })).toBeVisible();
  await expectAccessible(page);

  // The link that proves the address came in English; it is opened as a person would.
  const code = mailedCode(ALI.email, 'bekrafta-epost?kod=');
  expect(code).toHaveLength(64);
  await open(page, `/bekrafta-epost?kod=${code}`);
  await page.getByRole('button', { name: 'Confirm the e-mail address' }).click();
  await expect(page.getByRole('status')).toContainText(`${ALI.email} is confirmed`);

  // A team, in English.
  await open(page, '/nytt-team');
  await expect(page.getByRole('heading', { name: 'Create a new team' })).toBeVisible();
  await page.getByLabel('Organisationsnummer (Swedish company registration number)').fill('556123-4500');
  await page.getByRole('button', { name: 'Find company details' }).click();
  await page.getByLabel('Team name').fill('Ali in English');
  await page.getByLabel('Contact person').fill(ALI.name);
  await page.getByLabel('E-mail', { exact: true }).fill(ALI.email);
  await page.getByLabel('Phone').fill('0701234567');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Create team' }).click();
  await expect(page.getByRole('heading', { name: /Ali in English/, level: 1 })).toBeVisible();
  await expect(page.getByRole('complementary').getByRole('link', { name: 'Ali in English' })).toBeVisible();

  // A case, chosen from the catalogue in English; its fields are labelled in English.
  await open(page, '/arenden/nytt');
  await expect(page.getByRole('heading', { name: 'New case', level: 1 })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Change to an existing connection' })).toBeVisible();
  await page.getByLabel('Fuse change (larger or smaller)').check();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Create case' }).click();
  await expect(page.getByText('Draft', { exact: true })).toBeVisible();
  await expect(page.getByLabel("Customer's name *")).toBeVisible();
  await expect(page.getByLabel('New main fuse (A) *')).toBeVisible();
  await expect(page.getByText('18 digits starting with 735999.')).toBeVisible();
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
  await page.getByLabel("Customer's name *").fill('Kalle Kund');
  await page.getByLabel("Customer's personnummer or organisationsnummer (Swedish personal identity or company registration number) *").fill('19811218-9876');
  await page.getByLabel('Facility street address *').fill('Kabelgatan 4');
  await page.getByLabel('Postcode *').fill('411 04');
  await page.getByLabel('Town *').fill('Göteborg');
  await page.getByLabel('Requested date *').fill('2099-03-01');
  await page.getByLabel('Facility ID (anläggnings-ID) *').fill('735999000000000778');
  await page.getByLabel('Current main fuse (A) *').selectOption('16');
  await page.getByLabel('New main fuse (A) *').selectOption('25');
  await page.getByLabel('Number of phases *').selectOption('3');
  await expect(page.getByRole('heading', { name: 'Attachments' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Submit the notification (föranmälan)' }).click();
  await expect(page.getByText('In progress', { exact: true })).toBeVisible();
  const caseAddress = new URL(page.url()).pathname;

  // Customer service works in Swedish and asks for more; Ali reads, answers and reports the work done in English.
  const staffContext = await browser.newContext({ locale: 'sv-SE' });
  const staff = await staffContext.newPage();
  await loginStaff(staff, FREDRIK);
  await open(staff, caseAddress);
  await staff.getByLabel('Vad behöver kompletteras?').fill('Ange varför säkringen ska ökas.');
  await staff.getByRole('button', { name: 'Begär komplettering' }).click();
  await expect(staff.getByText('Komplettera', { exact: true })).toBeVisible();
  await staffContext.close();
  await open(page, caseAddress);
  await expect(page.getByRole('heading', { name: 'The case handler asks for more information' })).toBeVisible();
  await expect(page.getByText('Ange varför säkringen ska ökas.').first()).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel('Answer to the case handler').fill('The customer has a new heat pump.');
  await page.getByRole('button', { name: 'Send the additional information' }).click();
  await expect(page.getByText('In progress', { exact: true })).toBeVisible();
  const events = page.getByRole('region', { name: 'Events' });
  await expect(events.getByText('More information requested')).toBeVisible();
  await expect(events.getByText('The customer has a new heat pump.')).toBeVisible();
  const completion = page.getByRole('region', { name: 'Completion report' });
  // A wrong value is refused by name, in English.
  await completion.getByLabel('Date the work was done').fill(new Date().toISOString().slice(0, 10));
  await completion.getByLabel('Meter number').fill('M-4711');
  await completion.getByLabel('Meter reading (kWh)').fill('12345');
  await completion.getByRole('button', { name: 'Report completion' }).click();
  await expect(page.getByText('Certify that the installation is inspected and safe before you report completion.')).toBeVisible();
  await completion.getByLabel(/I certify that the installation is inspected and safe/).check();
  await completion.getByRole('button', { name: 'Report completion' }).click();
  await expect(page.getByText('Completion reported', { exact: true }).first()).toBeVisible();
  await expect(page.getByRole('region', { name: 'Completion report' }).getByText('The installer certifies that the installation is inspected and safe.')).toBeVisible();
  await expectAccessible(page);

  // The installer's own list, in English.
  await open(page, '/arenden');
  await expect(page.getByRole('heading', { name: 'My cases', level: 1 })).toBeVisible();
  await expect(page.getByLabel('Search case number, customer or address')).toBeVisible();
  await expect(page.getByLabel('State').locator('option', { hasText: 'Completion reported' })).toHaveCount(1);
  await expect(page.getByRole('cell', { name: 'Fuse change (larger or smaller)' })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Completion reported' })).toBeVisible();
  // The last change, on a Swedish clock written the English way ("6 Dec 2026, 10:35").
  await expect(page.getByRole('cell', { name: /^\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}, \d{2}:\d{2}$/ })).toBeVisible();
  await expectAccessible(page);

  // Another browser (none of this one's cookies) logs in and gets English from the account.
  const other = await browser.newContext({ locale: 'sv-SE' });
  const elsewhere = await other.newPage();
  await open(elsewhere, '/logga-in');
  await expect(elsewhere.locator('html')).toHaveAttribute('lang', 'sv');
  await elsewhere.getByLabel('Användarnamn (e-postadress)').fill(ALI.email);
  await elsewhere.getByLabel('Lösenord').fill(PASSWORD);
  await elsewhere.getByRole('button', { name: 'Logga in' }).click();
  await expect(elsewhere.getByRole('heading', { name: `Welcome, ${ALI.name}` })).toBeVisible();
  await expect(elsewhere.locator('html')).toHaveAttribute('lang', 'en');
  await other.close();

  // And back to Swedish, by the same switch.
  await page.getByRole('button', { name: 'Svenska' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
  await expect(page.getByRole('heading', { name: 'Mina ärenden', level: 1 })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Färdiganmäld' })).toBeVisible();
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
  await logout(page);
});

// covers: UX-2
test('a browser that prefers English is offered English without being switched', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en-GB' });
  const page = await context.newPage();
  await open(page, '/logga-in');
  await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
  await expect(page.getByText('This portal is also in English.')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Logga in' })).toBeVisible();
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
  await expect(page.getByLabel('Username (e-mail address)')).toBeVisible();
  await expect(page.getByText('This portal is also in English.')).toHaveCount(0);
  await expectAccessible(page);
  // What an installer from abroad reads first.
  await page.getByRole('link', { name: 'Installer from abroad, or installer without a company?' }).click();
  await expect(page.getByRole('heading', { name: 'Installer from abroad', exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Support request: account for an installer from abroad' })).toBeVisible();
  await expectAccessible(page);
  await open(page, '/glomt-losenord');
  await expect(page.getByRole('heading', { name: 'Forgot your password' })).toBeVisible();
  await expect(page.getByLabel('Username (e-mail address)')).toBeVisible();
  await context.close();
});
