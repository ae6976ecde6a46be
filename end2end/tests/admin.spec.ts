import * as crypto from 'crypto';
import { test, expect, expectAccessible, demoPassword, login } from './fixtures';

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
  await expect(page.getByRole('cell', { name: 'admin.staff_created' })).toBeVisible();
  await expectAccessible(page);
});

// covers: ADM-2
test('an admin enters a behörighetsnummer and sees that installer\'s view', async ({ page }) => {
  await login(page, ADMIN, demoPassword(ADMIN));
  await expect(page.getByLabel('Engångskod')).toBeVisible();
  // The previous test enrolled the admin on this server; its app would show a newer code
  // than the last one used (codes are single use), at most one step ahead of now.
  const next = lastUsedStep + 1;
  while (currentStep() + 1 < next) await page.waitForTimeout(1000);
  await page.getByLabel('Engångskod').fill(totpAt(storedSecret(), next));
  await page.getByRole('button', { name: 'Verifiera' }).click();
  await expect(page.getByRole('heading', { name: 'Välkommen, Demo Administratör' })).toBeVisible();
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
