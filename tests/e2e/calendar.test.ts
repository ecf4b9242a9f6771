import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { expectNoSeriousAxeViolations, logIn, newPage, tabTo, watchConsole } from '../helpers/browser.ts';
import { openTestDb } from '../helpers/db.ts';
import { withServerAndBrowser } from '../helpers/e2e.ts';
import { DEMO, DEMO_PASSWORD } from '../helpers/server.ts';

// Subscribing to the calendar feed as a user does: make the address on /account, read it off the page,
// fetch it as a calendar app would (no cookie) and read it back with an iCalendar parser; renew it and see
// the old address answer 404.
const env = withServerAndBrowser();
const TIMEOUT = 180_000;

function run(query: string, ...args: unknown[]) {
  const db = openTestDb(env.server.dbPath);
  try {
    db.prepare(query).run(...args);
  } finally {
    db.close();
  }
}
function id(query: string, ...args: unknown[]): string {
  const db = openTestDb(env.server.dbPath);
  try {
    return (db.prepare(query).get(...args) as { id: string }).id;
  } finally {
    db.close();
  }
}

function vevents(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text) as unknown[]);
  return calendar.getAllSubcomponents('vevent');
}

describe('calendar feed', () => {
  it(
    'make the address on /account, subscribe without cookie, read it with ical.js, renew it',
    async () => {
      // Eva owns an action with a due date and takes part in a meeting (the actions and meetings pages are
      // other features': here straight into the database).
      const eva = id('select id from users where email = ?', DEMO.enschede);
      const enschede = id("select id from workspaces where slug = 'enschede'");
      const now = new Date().toISOString();
      run(
        `insert into actions (id, workspace_id, title, description, level, owner_user_id, due_date, priority, status, progress, created_at, updated_at)
         values ('actie-agenda', ?, 'Afspraken uitstroom BW', '', 'regionaal', ?, '2027-02-15', 'hoog', 'besloten', 0, ?, ?)`,
        enschede,
        eva,
        now,
        now
      );
      run(
        `insert into meetings (id, workspace_id, kind, title, date, start_time, end_time, location, minutes, created_at, updated_at)
         values ('overleg-agenda', ?, 'bestuurlijk_overleg', 'Vaststelling woonzorgvisie', '2027-01-12', '10:00', '11:30', 'Stadhuis Enschede', '', ?, ?)`,
        enschede,
        now,
        now
      );
      run("insert into meeting_participants (meeting_id, user_id) values ('overleg-agenda', ?)", eva);

      const page = await newPage(env.browser, env.server.url);
      const problems = await watchConsole(page);
      await logIn(page, DEMO.enschede, DEMO_PASSWORD);
      await page.goto('/account');
      const section = page.getByRole('region', { name: 'Agenda-abonnement' });
      expect(await section.innerText()).toContain('Agenda toevoegen → Abonneren via internet');
      await expectNoSeriousAxeViolations(page);

      // By keyboard: Tab to the button and press Enter.
      await tabTo(page, 'form:has(input[name="intent"][value="calendar-renew"]) button', 80);
      await page.keyboard.press('Enter');
      const field = page.getByLabel('Uw agenda-adres');
      await field.waitFor();
      expect(await field.getAttribute('readonly')).not.toBeNull();
      expect(await section.innerText()).toContain(
        'Bewaar dit adres nu; het wordt niet opnieuw getoond. Kwijt? Vernieuw het adres.'
      );
      const address = await field.inputValue();
      expect(address).toMatch(new RegExp(`^${env.server.url}/agenda/[a-z2-7]{32}\\.ics$`));
      expect(await section.getByRole('link', { name: /webcal/ }).getAttribute('href')).toBe(address.replace(/^http:/, 'webcal:'));

      // The copy button puts it on the clipboard.
      await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
      await section.getByRole('button', { name: 'Kopieer het adres' }).click();
      await section.getByText('Het adres is gekopieerd.').waitFor();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(address);
      await expectNoSeriousAxeViolations(page);

      // A calendar app fetches it: no cookie, no browser session.
      const response = await fetch(address);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
      const events = vevents(await response.text());
      const action = events.find((e) => e.getFirstPropertyValue('uid') === 'actie-actie-agenda@thuisplan');
      expect(action?.getFirstPropertyValue('summary')).toBe('Streefdatum actie: Afspraken uitstroom BW');
      const due = action!.getFirstProperty('dtstart')!;
      expect(due.type).toBe('date');
      expect(String(due.getFirstValue())).toBe('2027-02-15');
      expect(action!.getFirstPropertyValue('url')).toBe(`${env.server.url}/w/enschede/acties/actie-agenda`);
      const meeting = events.find((e) => e.getFirstPropertyValue('uid') === 'overleg-overleg-agenda@thuisplan');
      expect(meeting?.getFirstPropertyValue('summary')).toBe('Bestuurlijk overleg: Vaststelling woonzorgvisie');
      expect(meeting?.getFirstPropertyValue('location')).toBe('Stadhuis Enschede');
      const start = new ICAL.Event(meeting!).startDate;
      expect(start.toJSDate().toISOString()).toBe('2027-01-12T09:00:00.000Z'); // 10:00 in Dutch winter time

      // Renew: the old address answers 404, the new one works; the page no longer shows the old one.
      await page.goto('/account');
      expect(await page.getByLabel('Uw agenda-adres').count()).toBe(0);
      expect(await section.innerText()).toContain('U hebt een agenda-adres sinds');
      await section.getByRole('button', { name: /Vernieuwen/ }).click();
      const renewed = await page.getByLabel('Uw agenda-adres').inputValue();
      expect(renewed).not.toBe(address);
      expect((await fetch(address)).status).toBe(404);
      expect((await fetch(renewed)).status).toBe(200);
      await expectNoSeriousAxeViolations(page);

      // 320 px: the long address does not make the page scroll sideways.
      await page.setViewportSize({ width: 320, height: 640 });
      const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
      expect(widths.scroll).toBeLessThanOrEqual(widths.inner);
      await expectNoSeriousAxeViolations(page);
      expect(problems).toEqual([]);
      await page.context().close();
    },
    TIMEOUT
  );
});
