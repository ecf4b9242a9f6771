import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoSeriousAxeViolations, launchBrowser, logIn, newPage, tabTo } from '../helpers/browser.ts';
import { DEMO, DEMO_PASSWORD, startServer, type TestServer } from '../helpers/server.ts';

// The monitor with the demo figures (all groups: fourteen columns), as wide as a desktop and as narrow as a
// phone: its sideways scroll must be reachable and usable by keyboard.
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ THUISPLAN_DEMO_FIGURES: '1' }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** The table's scroll region: focusable, named after the table, and scrolled by the arrow keys once focused. */
async function expectKeyboardScroll(page: Page, name: RegExp) {
  const region = page.getByRole('region', { name });
  expect(await region.getAttribute('tabindex')).toBe('0');
  expect(await region.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true); // it really scrolls here
  // and says so, visibly and to a screen reader
  await expect.poll(() => region.getAttribute('aria-describedby')).toBeTruthy();
  const hint = page.locator(`[id="${await region.getAttribute('aria-describedby')}"]`);
  expect(await hint.isVisible()).toBe(true);
  expect(await hint.textContent()).toMatch(/breder dan het scherm/);
  await tabTo(page, '.table-scroll', 80);
  expect(await region.evaluate((el) => el === document.activeElement)).toBe(true);
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => region.evaluate((el) => el.scrollLeft), { timeout: 10_000 }).toBeGreaterThan(0);
}

describe('the monitor table by keyboard, with demo figures', () => {
  for (const [what, width] of [
    ['on a desktop', 1280],
    ['at 320 px wide', 320],
  ] as const) {
    it(`the region's table ${what}: no serious axe violation, and its scroll container is reached with Tab`, async () => {
      const page = await newPage(browser, server.url);
      await page.setViewportSize({ width, height: 800 });
      await logIn(page, DEMO.zorg, DEMO_PASSWORD);
      await page.goto('/w/regio/analyse');
      await page.getByTestId('monitor-table').waitFor();
      expect(await page.getByTestId('monitor-table').textContent()).toContain('Regio totaal');
      await expectNoSeriousAxeViolations(page);
      await expectKeyboardScroll(page, /^Cijfers per gemeente, \d{4}$/);
      await page.context().close();
    });
  }

  it('a gemeente’s own table at 320 px wide: no serious axe violation, and its scroll container is reached with Tab', async () => {
    const page = await newPage(browser, server.url);
    await page.setViewportSize({ width: 320, height: 800 });
    await logIn(page, DEMO.hengelo, DEMO_PASSWORD);
    await page.goto('/w/hengelo/analyse');
    await page.getByTestId('monitor-table').waitFor();
    await expectNoSeriousAxeViolations(page);
    await expectKeyboardScroll(page, /^Eigen cijfers naast de regio, \d{4}$/);
    await page.context().close();
  });
});
