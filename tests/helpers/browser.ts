import fs from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

/**
 * A fresh context (own cookies). axe is injected into pages with a script tag, so by default the page's CSP is
 * bypassed for the test; `{ bypassCSP: false }` keeps the policy, to see what it blocks (then run axe with
 * `expectNoSeriousAxeViolations(page, { underCSP: true })`).
 */
export async function newPage(browser: Browser, baseURL: string, options: { bypassCSP?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({ baseURL, bypassCSP: options.bypassCSP ?? true, locale: 'nl-NL' });
  return context.newPage();
}

export async function logIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe-core (WCAG 2.0/2.1 A and AA) and fails on any serious or critical violation. */
export async function expectNoSeriousAxeViolations(page: Page, options: { underCSP?: boolean } = {}): Promise<void> {
  // Under the page's CSP an inline script tag is refused; evaluating the source (through the DevTools protocol) is not.
  if (options.underCSP) await page.evaluate(axeSource);
  else await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            ctx: Document,
            opts: object
          ) => Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> }>;
        };
      }
    ).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (serious.length > 0) throw new Error(`axe on ${page.url()}: ${JSON.stringify(serious, null, 2)}`);
}

/** Presses Tab until the element matching `selector` has focus: proves it is reachable by keyboard. */
export async function tabTo(page: Page, selector: string, maxTabs = 40): Promise<void> {
  for (let i = 0; i < maxTabs; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`${selector} not reachable with Tab within ${maxTabs} presses on ${page.url()}`);
}
