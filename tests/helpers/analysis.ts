import { expect } from 'vitest';
import { openTestDb } from './db.ts';
import type { Client } from './http.ts';
import type { DemoUser, TestServer } from './server.ts';

// The analysis step through its pages, for the integration tests: the database read directly, CBS imports
// posted as the form posts them and followed to their preview, CSV uploads, and confirmation.

/** Categories of 85980NED in tests/fixtures/cbs: statushouders and uitstroom MO/BW, Kenmerken on its total. */
export const STATUSHOUDERS = { AandachtsgroepVolkshuisvesting: 'A048821', Kenmerken: 'T001038' };
export const UITSTROOM = { AandachtsgroepVolkshuisvesting: 'A048826', Kenmerken: 'T001038' };

export type CbsLinks = Record<string, { topic: string; categories?: Record<string, string> }>;

/** Helpers over a server started later (beforeAll): `server()` and `clients` are read when used. */
export function analysisPages(server: () => TestServer, clients: Record<DemoUser, Client>) {
  const sql = <T>(query: string, ...args: unknown[]) =>
    openTestDb(server().dbPath)
      .prepare(query)
      .all(...args) as T[];
  const count = (table: string) => sql<{ n: number }>(`select count(*) as n from ${table}`)[0]!.n;
  /** Figures, imports and applied imports: what a refused request must leave as it was. */
  const state = () => [
    count('observations'),
    count('data_imports'),
    sql<{ n: number }>("select count(*) as n from data_imports where status = 'verwerkt'")[0]!.n,
  ];
  const post = (user: DemoUser, path: string, form: Record<string, string>) => clients[user].post(path, form);

  /** Confirms the previewed import at `location` (…/analyse/import/<id>). */
  async function confirm(user: DemoUser, location: string) {
    const reply = await post(user, location, { intent: 'apply' });
    expect(reply.status, reply.body.slice(0, 300)).toBe(302);
  }

  /** Starts a CBS import the way the form posts it: per indicator a topic and a category of each dimension. */
  function startCbs(
    table: string,
    links: CbsLinks,
    period: { moment?: string; from?: string; to?: string } = {},
    user: DemoUser = 'enschede',
    slug = 'regio'
  ) {
    const form: Record<string, string> = {
      table,
      moment: period.moment ?? 'JJ00',
      from: period.from ?? '2022',
      to: period.to ?? '2023',
    };
    for (const [indicator, link] of Object.entries(links)) {
      form[`onderwerp:${indicator}`] = link.topic;
      for (const [dimension, category] of Object.entries(link.categories ?? {}))
        form[`categorie:${indicator}:${dimension}`] = category;
    }
    return post(user, `/w/${slug}/analyse/import/cbs`, form);
  }

  /** Runs a CBS import through the pages: start, follow the progress page to the preview. */
  async function importCbs(...args: Parameters<typeof startCbs>) {
    const start = await startCbs(...args);
    expect(start.status, start.body.slice(0, 500)).toBe(302);
    expect(start.location).toMatch(/\/analyse\/import\/cbs\/[0-9a-f-]{36}$/);
    const user = args[3] ?? 'enschede';
    for (let i = 0; i < 400; i++) {
      const progress = await clients[user].get(start.location!);
      if (progress.status === 302) return { preview: progress.location!, failure: null };
      if (progress.body.includes('utrecht-alert--error')) return { preview: null, failure: progress.body };
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('CBS import did not finish');
  }

  /** Uploads a CSV file through the import page, as the browser sends the form. */
  async function upload(
    user: DemoUser,
    content: string | Uint8Array,
    source = 'Provinciale monitor',
    slug = 'regio',
    name = 'cijfers.csv'
  ) {
    const form = new FormData();
    form.set('file', new Blob([content as string | Uint8Array<ArrayBuffer>]), name);
    form.set('source', source);
    form.set('definition', 'Aantal personen volgens de partner.');
    const reply = await fetch(new URL(`/w/${slug}/analyse/import`, server().url), {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: clients[user].cookie!, origin: server().url },
      body: form,
    });
    return { status: reply.status, location: reply.headers.get('location'), body: await reply.text() };
  }

  const gemeente = (slug: string) => sql<{ id: string }>('select id from workspaces where slug = ?', slug)[0]!.id;
  /** One stored figure, or undefined. */
  const figure = (indicator: string, slug: string, period: string, source: string) =>
    sql<{ value: number }>(
      'select value from observations where indicator_id = ? and workspace_id = ? and period = ? and source = ?',
      indicator,
      gemeente(slug),
      period,
      source
    )[0]?.value;

  return { sql, count, state, post, confirm, startCbs, importCbs, upload, gemeente, figure };
}
