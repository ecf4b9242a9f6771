import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, loggedIn } from '../helpers/http.ts';
import { DEMO, DEMO_PASSWORD, startServer, type DemoUser, type TestServer } from '../helpers/server.ts';

// Every "do this first" names where that is done: a link for whoever may do it, else who can.
// A fresh demo database: one document in the region without a version, no figures.
let server: TestServer;
const clients = {} as Record<DemoUser, Client>;

beforeAll(async () => {
  server = await startServer();
  for (const user of Object.keys(DEMO) as DemoUser[]) clients[user] = await loggedIn(server.url, DEMO[user], DEMO_PASSWORD);
});
afterAll(async () => {
  await server?.stop();
});

/** The href of the link with this text, resolved against the page it is on. */
function linkTo(html: string, text: string, page: string): string {
  const found = [...html.matchAll(/<a [^>]*href="([^"]+)"[^>]*>([\s\S]*?)<\/a>/g)].find((m) => m[2]!.includes(text));
  expect(found, `a link ‘${text}’ on ${page}`).toBeDefined();
  return new URL(found![1]!.replace(/&amp;/g, '&'), `http://x${page}`).pathname;
}

async function followed(user: DemoUser, page: string, text: string): Promise<string> {
  const reply = await clients[user].get(page);
  expect(reply.status).toBe(200);
  const href = linkTo(reply.body, text, page);
  expect((await clients[user].get(href)).status, href).toBe(200);
  return href;
}

describe('do this first', () => {
  it('a review round without a version links to where a version is recorded, or to where a document is made', async () => {
    const href = await followed('regie', '/w/regio/reviewrondes', 'Leg eerst een versie vast');
    expect(href).toMatch(/^\/w\/regio\/documenten\/[\w-]+\/versies$/); // the region's only document
    expect(await followed('regie', '/w/hengelo/reviewrondes', 'Maak eerst een document')).toBe('/w/hengelo/documenten');
  });

  it('a monitor without figures links to the imports for who may import, and says who can to others', async () => {
    expect(await followed('enschede', '/w/regio/analyse', 'uit CBS StatLine')).toBe('/w/regio/analyse/import/cbs');
    expect(await followed('enschede', '/w/regio/analyse', 'uit een CSV-bestand')).toBe('/w/regio/analyse/import');
    expect(await followed('enschede', '/w/regio/analyse/actualiseren', 'Cijfers uit CBS importeren')).toBe(
      '/w/regio/analyse/import/cbs'
    );
    expect(await followed('enschede', '/w/regio/analyse/bronnen', 'Importeer ze eerst')).toBe('/w/regio/analyse/import');
    for (const page of ['/w/regio/analyse', '/w/regio/analyse/bronnen']) {
      const reply = await clients.zorg.get(page); // commentator: may not import
      expect(reply.body).toContain('Een redacteur of projectleider van deze werkruimte kan ze importeren.');
      expect(reply.body).not.toContain('href="/w/regio/analyse/import');
    }
  });
});
