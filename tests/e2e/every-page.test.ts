import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, launchBrowser, logIn, watchConsole } from '../helpers/browser.ts';
import { makeRealistic, type RealisticData } from '../helpers/realistic.ts';
import { DEMO, DEMO_PASSWORD, startServer, type DemoUser, type TestServer } from '../helpers/server.ts';

// Every page a demo role can reach, found by following the links a person sees (never a download, never
// "Uitloggen"), with realistic data: at 1280 px, at 200 % zoom (a 640 px viewport is what 1280 px at 200 %
// gives CSS) and at 320 px. On each: axe (WCAG 2.0/2.1 A and AA) without a serious or critical violation, no
// sideways page scroll, no console error or CSP violation (the real CSP: not bypassed), and by Tab every
// interactive element reached with a visible focus indicator.

const SIZES = [
  { name: '1280 px', width: 1280, height: 800 },
  { name: '200 % zoom', width: 640, height: 400 },
  { name: '320 px', width: 320, height: 640 },
] as const;

const DOWNLOAD = /\.(csv|xlsx|docx|txt|ics|pdf|json)$/i;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/**
 * One page per kind: ids, step numbers and the eight gemeenten are the same page with other data (the region's
 * pages differ: they compare the gemeenten); other query keys are another view.
 */
function pageKind(url: URL): string {
  const keys = [...url.searchParams.keys()].sort().join(',');
  const path = url.pathname
    .replace(UUID, ':id')
    .replace(/^\/w\/(?!regio(\/|$))[^/]+/, '/w/:gemeente')
    .replace(/\/stap\/\d+/, '/stap/:n')
    .replace(/\/versies\/\d+/, '/versies/:n');
  return `${path}?${keys}`;
}

let server: TestServer;
let browser: Browser;
let data: RealisticData;
const checked: Record<string, string[]> = {};

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ THUISPLAN_DEMO_FIGURES: '1' }), launchBrowser()]);
  data = await makeRealistic(server);
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  const lines = Object.entries(checked).map(
    ([role, pages]) => `## ${role} (${pages.length})\n${pages.map((p) => `- ${p}`).join('\n')}`
  );
  fs.mkdirSync(path.resolve('test-results'), { recursive: true });
  fs.writeFileSync(
    path.resolve('test-results/every-page.md'),
    `# Pagina's bezocht (${SIZES.map((s) => s.name).join(', ')})\n\n${lines.join('\n\n')}\n`
  );
});

/** Tabs through the whole page; every visible interactive element must take focus once, with a visible indicator. */
async function tabThrough(page: Page): Promise<string[]> {
  const total = await page.evaluate(() => {
    const selector =
      'a[href], button:not([disabled]), input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"]), [contenteditable="true"]';
    const seen = new Set<string>();
    let n = 0;
    for (const el of document.querySelectorAll<HTMLElement>(selector)) {
      if (el.closest('[inert], [hidden]') || !el.checkVisibility({ visibilityProperty: true })) continue;
      const box = el.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      // Only one radio of a group, and one button of a toolbar, is a tab stop; the arrows move within it.
      const group =
        el instanceof HTMLInputElement && el.type === 'radio'
          ? `radio:${el.name}`
          : el.closest('[role=toolbar]')
            ? 'toolbar'
            : null;
      if (group) {
        if (seen.has(group)) continue;
        seen.add(group);
        el.closest('[role=toolbar]')?.setAttribute('data-tab-check', String(n));
      }
      el.dataset.tabCheck = String(n++);
    }
    const w = window as unknown as { tabbed: Array<{ id: string; ring: boolean; name: string }> };
    w.tabbed = [];
    document.addEventListener('focusin', (event) => {
      const el = event.target as HTMLElement;
      const style = getComputedStyle(el);
      const ring =
        (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) ||
        (style.boxShadow !== 'none' && style.boxShadow !== '');
      const radio = el instanceof HTMLInputElement && el.type === 'radio' ? el.name : null;
      const id =
        el.dataset.tabCheck ??
        (radio
          ? document.querySelector<HTMLElement>(`input[type=radio][name="${radio}"][data-tab-check]`)?.dataset.tabCheck
          : undefined) ??
        el.closest<HTMLElement>('[role=toolbar]')?.dataset.tabCheck ??
        '';
      w.tabbed.push({
        id,
        ring,
        name: `${el.tagName.toLowerCase()} "${(el.textContent || el.getAttribute('aria-label') || (el as HTMLInputElement).name || '').trim().slice(0, 40)}"`,
      });
    });
    (document.activeElement as HTMLElement | null)?.blur();
    window.scrollTo(0, 0);
    return n;
  });
  // Until the focus has gone round the page once (it comes back to where it started), or long enough to have.
  for (let i = 0; i < 2 * total + 20; i += 10) {
    for (let j = 0; j < 10; j++) await page.keyboard.press('Tab');
    const wrapped = await page.evaluate(() => {
      const t = (window as unknown as { tabbed: Array<{ id: string }> }).tabbed;
      return t.length > 1 && t.slice(1).some((x) => x.id === t[0].id);
    });
    if (wrapped) break;
  }
  return page.evaluate((count) => {
    const w = window as unknown as { tabbed: Array<{ id: string; ring: boolean; name: string }> };
    const problems: string[] = [];
    const reached = new Set(w.tabbed.map((t) => t.id));
    for (let i = 0; i < count; i++) {
      if (reached.has(String(i))) continue;
      const el = document.querySelector<HTMLElement>(`[data-tab-check="${i}"]`)!;
      problems.push(`niet bereikbaar met Tab: ${el.outerHTML.slice(0, 120)}`);
    }
    for (const t of w.tabbed) if (!t.ring) problems.push(`geen zichtbare focus: ${t.name}`);
    return [...new Set(problems)];
  }, total);
}

async function checkRole(role: DemoUser | 'anoniem') {
  const context = await browser.newContext({ baseURL: server.url, locale: 'nl-NL' });
  const page = await context.newPage();
  const consoleProblems = await watchConsole(page);
  if (role !== 'anoniem') await logIn(page, DEMO[role], DEMO_PASSWORD);
  // Pages no link leads to (a link from an e-mail, a comparison chosen in a form), for whoever may see them.
  const start = {
    anoniem: ['/login', '/toegankelijkheid', data.invitation, '/wachtwoord-instellen/verlopen-of-onbekend'],
    regie: ['/', data.importPreview, data.comparison, '/w/regio/documenten/archief'],
    enschede: ['/', data.importPreview, data.comparison],
    hengelo: ['/'],
    zorg: ['/', data.comparison],
    provincie: ['/', data.comparison],
    beheer: ['/'],
  }[role];
  const queue = [...start];
  const kinds = new Set(queue.map((p) => pageKind(new URL(p, server.url))));
  const visited: string[] = [];
  const problems: string[] = [];
  while (queue.length > 0 && visited.length < 80) {
    const target = queue.shift()!;
    const response = await page.goto(target);
    // A link a role is shown must work for that role; an unknown password link answers 410 with its own page.
    const expected = target.startsWith('/wachtwoord-instellen/') ? 410 : 200;
    if (response?.status() !== expected) {
      problems.push(`${target}: ${response?.status() ?? 'geen antwoord'}`);
      continue;
    }
    consoleProblems
      .splice(0)
      .forEach((p) => !(expected === 410 && p.includes('410')) && problems.push(`${target}: console: ${p}`));
    await page.waitForLoadState('load');
    visited.push(target);
    // WCAG 2.4.2: every page says what it is, before the application's name.
    const title = await page.title();
    if (!/^\S.* – Thuisplan$/.test(title)) problems.push(`${target}: paginatitel "${title}"`);
    for (const href of await page.$$eval('a[href]:not([download])', (links) => links.map((a) => (a as HTMLAnchorElement).href))) {
      const url = new URL(href);
      if (url.origin !== server.url || DOWNLOAD.test(url.pathname) || url.pathname === '/uitloggen') continue;
      const kind = pageKind(url);
      if (kinds.has(kind)) continue;
      kinds.add(kind);
      queue.push(url.pathname + url.search);
    }
    const t0 = Date.now();
    for (const size of SIZES) {
      const t1 = Date.now();
      await page.setViewportSize({ width: size.width, height: size.height });
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      const where = `${target} @ ${size.name}`;
      const overflow = await page.evaluate(() => {
        const width = document.documentElement.scrollWidth;
        if (width <= innerWidth) return null;
        const wide = [...document.querySelectorAll<HTMLElement>('body *')]
          .filter((el) => el.getBoundingClientRect().right > innerWidth + 1)
          // What a scroll box holds scrolls inside it; the culprit is what sticks out of the page itself.
          .filter((el) => !el.parentElement?.closest('.table-scroll'))
          .slice(-4)
          .map(
            (el) =>
              `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} (${Math.round(el.getBoundingClientRect().right)} px)`
          );
        return `${width} px breed in ${innerWidth} px: ${wide.join(', ')}`;
      });
      if (overflow) problems.push(`${where}: pagina scrolt zijwaarts, ${overflow}`);
      for (const v of await axeViolations(page))
        problems.push(`${where}: axe ${v.id} (${v.impact}) ${v.targets.slice(0, 3).join(' | ')}`);
      const t2 = Date.now();
      if (size.width === 1280) for (const p of await tabThrough(page)) problems.push(`${where}: ${p}`);
      if (process.env.EVERY_PAGE_DEBUG) process.stderr.write(`${role} ${where}: axe ${t2 - t1} ms, tab ${Date.now() - t2} ms\n`);
    }
    if (process.env.EVERY_PAGE_DEBUG) process.stderr.write(`${role} ${target}: ${Date.now() - t0} ms\n`);
    await page.setViewportSize({ width: 1280, height: 800 });
    for (const p of consoleProblems.splice(0)) problems.push(`${target}: console: ${p}`);
  }
  checked[role] = visited;
  await context.close();
  return { visited, problems };
}

describe('every page a demo role reaches, at 1280 px, 200 % zoom and 320 px', () => {
  for (const role of ['anoniem', 'regie', 'enschede', 'hengelo', 'zorg', 'provincie', 'beheer'] as const) {
    if (process.env.EVERY_PAGE_ROLE && process.env.EVERY_PAGE_ROLE !== role) continue;
    it(`${role}: axe, reflow, console, CSP and keyboard focus on every page`, async () => {
      const { visited, problems } = await checkRole(role);
      expect(visited.length, `pagina's voor ${role}`).toBeGreaterThanOrEqual(role === 'anoniem' ? 2 : 8);
      expect(problems, `${role}: ${visited.length} pagina's`).toEqual([]);
    }, 1_500_000);
  }
});
