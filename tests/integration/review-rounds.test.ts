import { parse } from 'csv-parse/sync';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openDatabase } from '../../db/index.ts';
import { sendDueReminders } from '../../app/features/review-rounds/reminders.server.ts';
import { anchorOn } from '../helpers/anchors.ts';
import { connectEditor, createDocument, synced } from '../helpers/collab.ts';
import { openTestDb } from '../helpers/db.ts';
import { Client, loggedIn } from '../helpers/http.ts';
import { DEMO, DEMO_PASSWORD, startServer, type DemoUser, type TestServer } from '../helpers/server.ts';

// A review round in the region, end to end: regie (projectleider) opens it on a named version for
// the demo zorgpartij and for Pieter Provincie (a lezer, granted commentator), the invitees comment, the
// redacteur processes every response, and the reactienota lists them all.
const USERS = Object.keys(DEMO) as DemoUser[];
let server: TestServer;
const clients = {} as Record<DemoUser, Client>;
let documentId: string;
let versionId: string;
let roundId: string;
let anchor: { start: string; end: string };

const sql = <T>(query: string, ...args: unknown[]) =>
  openTestDb(server.dbPath)
    .prepare(query)
    .all(...args) as T[];
const one = <T>(query: string, ...args: unknown[]) => sql<T>(query, ...args)[0]!;
const idOf = (user: DemoUser) => one<{ id: string }>('select id from users where email = ?', DEMO[user]).id;
const regionRole = (user: DemoUser) =>
  sql<{ role: string }>(
    "select role from memberships join workspaces on workspaces.id = memberships.workspace_id where user_id = ? and slug = 'regio'",
    idOf(user)
  )[0]?.role ?? null;
const zorgOrganisation = () => one<{ id: string }>("select id from organisations where name = 'Zorgpartner Twente (demo)'").id;
const tomorrow = () => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

function roundForm(extra: Record<string, string | string[]> = {}): URLSearchParams {
  const form = new URLSearchParams({ title: 'Consultatie zorgpartijen', versionId, deadline: inDays(14) });
  for (const [key, value] of Object.entries(extra)) {
    form.delete(key);
    for (const v of Array.isArray(value) ? value : [value]) form.append(key, v);
  }
  return form;
}

async function postForm(user: DemoUser, path: string, form: URLSearchParams) {
  const reply = await fetch(new URL(path, server.url), {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: clients[user].cookie!, origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
  });
  return { status: reply.status, location: reply.headers.get('location'), body: await reply.text() };
}

const comment = (user: DemoUser, body: string, withAnchor = false) =>
  clients[user].post(`/w/regio/documenten/${documentId}/opmerkingen`, {
    intent: 'create',
    body,
    ...(withAnchor ? { anchorStart: anchor.start, anchorEnd: anchor.end } : {}),
  });

beforeAll(async () => {
  server = await startServer();
  for (const user of USERS) clients[user] = await loggedIn(server.url, DEMO[user], DEMO_PASSWORD);
  documentId = await createDocument(clients.regie, 'regio', 'Woonzorgvisie regio Twente, consultatieversie');
  const editor = connectEditor(server.url, clients.regie.cookie, documentId);
  await synced(editor);
  editor.doc
    .getXmlFragment('default')
    .insert(0, [new Y.XmlText('Elke gemeente biedt een passend aanbod voor uitstroom uit beschermd wonen.')]);
  await synced(editor);
  anchor = anchorOn(editor.doc, 'uitstroom uit beschermd wonen');
  editor.close();
  expect((await clients.regie.post(`/w/regio/documenten/${documentId}/versies`, { name: 'Consultatieversie 1' })).status).toBe(
    200
  );
  versionId = one<{ id: string }>('select id from document_versions where document_id = ?', documentId).id;
});
afterAll(() => server?.stop());

describe('opening a review round', () => {
  it('only a projectleider opens one; redacteuren see the rounds; commentators, lezers and strangers do not', async () => {
    expect((await clients.regie.get('/w/regio/reviewrondes')).status).toBe(200);
    expect((await clients.enschede.get('/w/regio/reviewrondes')).status).toBe(200);
    expect((await clients.enschede.get('/w/regio/reviewrondes')).body).not.toContain('Reviewronde openen');
    for (const user of ['zorg', 'provincie', 'beheer'] as const)
      expect((await clients[user].get('/w/regio/reviewrondes')).status, user).toBe(403);
    expect((await clients.hengelo.get('/w/regio/reviewrondes')).status).toBe(404);
    const form = roundForm({ organisationIds: zorgOrganisation() });
    for (const user of ['enschede', 'zorg', 'provincie', 'beheer'] as const) {
      expect((await postForm(user, '/w/regio/reviewrondes', form)).status, user).toBe(403);
    }
    expect((await postForm('hengelo', '/w/regio/reviewrondes', form)).status).toBe(404);
    expect(one<{ n: number }>('select count(*) as n from review_rounds').n).toBe(0);
  });

  const bad: Array<[string, () => URLSearchParams, RegExp]> = [
    ['nobody invited', () => roundForm(), /Nodig minstens één organisatie of persoon uit/],
    [
      'a deadline in the past',
      () => roundForm({ deadline: '2020-01-01', organisationIds: zorgOrganisation() }),
      /ligt in het verleden/,
    ],
    ['no date at all', () => roundForm({ deadline: 'morgen', organisationIds: zorgOrganisation() }), /geldige datum/],
    [
      'a version of another workspace',
      () => roundForm({ versionId: crypto.randomUUID(), organisationIds: zorgOrganisation() }),
      /Kies een versie uit de lijst/,
    ],
    ['an unknown person', () => roundForm({ userIds: crypto.randomUUID() }), /Kies personen uit de lijst/],
    [
      'a person who is not a member (invite them through Leden)',
      () => roundForm({ userIds: idOf('hengelo') }),
      /Kies personen uit de lijst/,
    ],
    [
      'an invitee without comment rights, and no grant',
      () => roundForm({ userIds: idOf('provincie') }),
      /Pieter Provincie mag hier nog niet reageren/,
    ],
  ];
  for (const [what, form, message] of bad) {
    it(`refuses ${what}, changing nothing`, async () => {
      const reply = await postForm('regie', '/w/regio/reviewrondes', form());
      expect(reply.status).toBe(400);
      expect(reply.body).toMatch(message);
      expect(one<{ n: number }>('select count(*) as n from review_rounds').n).toBe(0);
      expect(regionRole('provincie')).toBe('lezer');
    });
  }

  it('opens with organisations and people, grants the commentator role where asked, and notifies every invitee', async () => {
    const reply = await postForm(
      'regie',
      '/w/regio/reviewrondes',
      roundForm({ organisationIds: zorgOrganisation(), userIds: idOf('provincie'), grant: 'on' })
    );
    expect(reply.status).toBe(302);
    roundId = reply.location!.split('/').pop()!;
    expect(regionRole('provincie')).toBe('commentator');
    for (const user of ['zorg', 'provincie'] as const) {
      expect((await clients[user].get('/meldingen')).body, user).toContain(
        'Rian Regie vraagt uw reactie op ‘Consultatie zorgpartijen’'
      );
      expect((await clients[user].get(`/w/regio/documenten/${documentId}`)).body, user).toContain(
        'U bent uitgenodigd voor de reviewronde'
      );
    }
    expect((await clients.enschede.get('/meldingen')).body).not.toContain('vraagt uw reactie');
  });
});

describe('responding and processing', () => {
  it('counts the invitees’ comments in the round, not those of others', async () => {
    expect((await comment('zorg', 'Graag ook aandacht voor de wachtlijsten.', true)).status).toBe(200);
    expect((await comment('zorg', '=HYPERLINK("https://example.com") Hoofdstuk 4 mist de corporaties.')).status).toBe(200);
    // A line break, as the comment panel stores it: the CSV must keep it inside one record.
    const withBreak = 'De provincie wil meedoen aan de regionale aanpak.\nGraag een uitnodiging voor het overleg.';
    expect((await comment('provincie', withBreak)).status).toBe(200);
    expect((await comment('enschede', 'Interne notitie van de redactie.')).status).toBe(200);
    const counted = sql<{ body: string }>('select body from comments where review_round_id = ? order by created_at', roundId);
    expect(counted.map((c) => c.body)).toEqual([
      'Graag ook aandacht voor de wachtlijsten.',
      '=HYPERLINK("https://example.com") Hoofdstuk 4 mist de corporaties.',
      withBreak,
    ]);
    const dashboard = await clients.regie.get(`/w/regio/reviewrondes/${roundId}`);
    expect(dashboard.body).toContain('Gereageerd: 2 van 2 genodigden;');
  });

  it('only redacteur and projectleider record decisions, with a clear message for a missing one', async () => {
    const [first] = sql<{ id: string }>('select id from comments where review_round_id = ? order by created_at', roundId);
    const decide = (user: DemoUser, values: Record<string, string>) =>
      postForm(
        user,
        `/w/regio/reviewrondes/${roundId}`,
        new URLSearchParams({ intent: 'decide', commentId: first!.id, ...values })
      );
    expect((await decide('zorg', { decision: 'overgenomen', note: 'Zelf besloten' })).status).toBe(403);
    expect((await decide('provincie', { decision: 'overgenomen', note: 'x' })).status).toBe(403);
    expect((await decide('hengelo', { decision: 'overgenomen', note: 'x' })).status).toBe(404);
    const missing = await decide('enschede', { decision: '', note: '' });
    expect(missing.status).toBe(400);
    expect(missing.body).toContain('Kies hoe de opmerking is verwerkt.');
    expect(missing.body).toContain('Licht de verwerking toe.');
    expect((await decide('enschede', { decision: 'verzonnen', note: 'x' })).status).toBe(400);
    expect(one<{ decision: string | null }>('select decision from comments where id = ?', first!.id).decision).toBeNull();
  });

  it('processes every response; the reactienota (DOCX and CSV) lists each with its decision', async () => {
    const responses = sql<{ id: string; body: string }>(
      'select id, body from comments where review_round_id = ? order by created_at',
      roundId
    );
    const decisions = [
      ['overgenomen', 'Toegevoegd aan paragraaf 3.2 over uitstroom.'],
      ['deels_overgenomen', 'De corporaties komen in hoofdstuk 4, de prestatieafspraken niet.'],
      ['kennisgenomen', 'De provincie doet mee via het regionale overleg.'],
    ] as const;
    for (const [index, response] of responses.entries()) {
      const [decision, note] = decisions[index]!;
      const reply = await postForm(
        'enschede',
        `/w/regio/reviewrondes/${roundId}`,
        new URLSearchParams({ intent: 'decide', commentId: response.id, decision, note })
      );
      expect(reply.status).toBe(200);
    }

    const docx = await fetch(new URL(`/w/regio/reviewrondes/${roundId}/reactienota.docx`, server.url), {
      headers: { cookie: clients.regie.cookie! },
    });
    expect(docx.status).toBe(200);
    expect(docx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(docx.headers.get('content-disposition')).toContain('reactienota-consultatie-zorgpartijen.docx');
    const zip = await JSZip.loadAsync(await docx.arrayBuffer());
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)]
      .map((m) => m[1])
      .join('|')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
    for (const [index, response] of responses.entries()) {
      expect(text).toContain(response.body.replace(/\n/g, '|')); // a line break becomes a paragraph in its cell
      expect(text).toContain(decisions[index]![1]);
    }
    for (const label of [
      'Overgenomen',
      'Deels overgenomen',
      'Kennisgenomen',
      'Zeynep Zorg',
      'Pieter Provincie',
      'Zorgpartner Twente (demo)',
      'uitstroom uit beschermd wonen',
    ]) {
      expect(text).toContain(label);
    }
    expect(text).not.toContain('Interne notitie van de redactie');
    expect((xml.match(/<w:tr[ >]/g) ?? []).length).toBe(1 + responses.length); // header + one row per response

    const csv = await fetch(new URL(`/w/regio/reviewrondes/${roundId}/reactienota.csv`, server.url), {
      headers: { cookie: clients.regie.cookie! },
    });
    expect(csv.status).toBe(200);
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM that makes Excel read UTF-8
    const content = new TextDecoder().decode(bytes);
    expect(content.endsWith('\r\n')).toBe(true); // CRLF between records, as Dutch Excel writes them
    expect(content.split('\r\n')[0]).toBe('Nr.;Indiener;Organisatie;Tekstfragment;Reactie;Verwerking;Toelichting');
    // Excel ends a row at any unquoted line break (CR, LF or both): so does this parser.
    const records = parse(content, { delimiter: ';', bom: true, record_delimiter: ['\r\n', '\n', '\r'] }) as string[][];
    expect(records).toHaveLength(1 + responses.length); // one record per response, line breaks and all
    expect(records.slice(1).map((r) => r[4])).toEqual([
      responses[0]!.body,
      `'${responses[1]!.body}`, // not a formula in Excel
      responses[2]!.body,
    ]);
    expect(records[1]!.slice(4)).toEqual([
      'Graag ook aandacht voor de wachtlijsten.',
      'Overgenomen',
      'Toegevoegd aan paragraaf 3.2 over uitstroom.',
    ]);

    for (const user of ['zorg', 'provincie'] as const) {
      expect((await clients[user].get(`/w/regio/reviewrondes/${roundId}/reactienota.docx`)).status, user).toBe(403);
    }
    // A processed response stays as it was answered.
    for (const intent of ['edit', 'delete']) {
      const reply = await clients.zorg.post(`/w/regio/documenten/${documentId}/opmerkingen`, {
        intent,
        commentId: responses[0]!.id,
        body: 'Andere tekst',
      });
      expect(reply.status, intent).toBe(409);
      expect(reply.body).toContain('al verwerkt in de reviewronde');
    }
    expect(one<{ body: string }>('select body from comments where id = ?', responses[0]!.id).body).toBe(responses[0]!.body);
    expect((await clients.regie.get(`/w/regio/reviewrondes/${roundId}/reactienota.pdf`)).status).toBe(404);
  });

  it('reminds only the silent invitees, once automatically near the deadline', async () => {
    // A second round, due tomorrow, for the zorgpartij and the provincie's Pieter (a lezer: granted commentator).
    const reply = await postForm(
      'regie',
      '/w/regio/reviewrondes',
      roundForm({ title: 'Korte ronde', deadline: tomorrow(), userIds: [idOf('zorg'), idOf('provincie')], grant: 'on' })
    );
    expect(reply.status).toBe(302);
    const shortRound = reply.location!.split('/').pop()!;
    expect((await comment('zorg', 'Snel antwoord van de zorgpartij.')).status).toBe(200);
    const db = openDatabase(server.dbPath);
    try {
      const today = new Date().toISOString().slice(0, 10);
      // Not within a day of the invitation; a day later once, and never twice.
      expect(await sendDueReminders(db, today)).toEqual([]);
      const dayLater = new Date(Date.now() + 25 * 60 * 60 * 1000);
      const first = await sendDueReminders(db, today, dayLater);
      const again = await sendDueReminders(db, today, dayLater);
      expect(again).toEqual([]);
      const reminded = sql<{ user_id: string }>(
        "select user_id from notifications where kind = 'ronde_herinnering' and id in (" + first.map(() => '?').join(',') + ')',
        ...first
      );
      expect(reminded.map((r) => r.user_id)).toEqual([idOf('provincie')]);
    } finally {
      await db.destroy();
    }
    expect(
      (await postForm('enschede', `/w/regio/reviewrondes/${shortRound}`, new URLSearchParams({ intent: 'remind' }))).status
    ).toBe(403);
    const manual = await postForm('regie', `/w/regio/reviewrondes/${shortRound}`, new URLSearchParams({ intent: 'remind' }));
    expect(manual.body).toContain('Herinnering verstuurd aan 1 genodigde');
  });

  it('closing the round ends counting; a closed round cannot be closed again', async () => {
    expect(
      (await postForm('enschede', `/w/regio/reviewrondes/${roundId}`, new URLSearchParams({ intent: 'close' }))).status
    ).toBe(403);
    expect((await postForm('regie', `/w/regio/reviewrondes/${roundId}`, new URLSearchParams({ intent: 'close' }))).status).toBe(
      200
    );
    expect(one<{ status: string }>('select status from review_rounds where id = ?', roundId).status).toBe('gesloten');
    expect((await postForm('regie', `/w/regio/reviewrondes/${roundId}`, new URLSearchParams({ intent: 'close' }))).status).toBe(
      409
    );
    await comment('provincie', 'Nog een nagekomen reactie.');
    const late = one<{ review_round_id: string | null }>(
      "select review_round_id from comments where body = 'Nog een nagekomen reactie.'"
    );
    expect(late.review_round_id).not.toBe(roundId);
    expect((await clients.zorg.get('/meldingen')).body).toContain('De reviewronde ‘Consultatie zorgpartijen’ is gesloten');
  });
});
