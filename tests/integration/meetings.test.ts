import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb } from '../helpers/db.ts';
import { refusalCheck } from '../helpers/refused.ts';
import { loggedIn, type Client } from '../helpers/http.ts';
import { DEMO, DEMO_PASSWORD, startServer, type DemoUser, type TestServer } from '../helpers/server.ts';

// Meetings and their besluitenlijst: who may do what on every route and intent, what a vastgesteld
// verslag still allows, bad input refused at its field with nothing changed, and the DOCX.

let server: TestServer;
const clients = {} as Record<DemoUser, Client>;
const users = {} as Record<DemoUser, string>;
const ws = {} as Record<'regio' | 'enschede' | 'hengelo', string>;
const docs = {} as Record<'regio' | 'archived' | 'enschede', string>;

function query<T>(sql: string, ...params: unknown[]): T[] {
  const db = openTestDb(server.dbPath);
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

function insertDocument(workspaceId: string, title: string, archived = false): string {
  const id = crypto.randomUUID();
  const now = new Date().toISOString();
  const db = openTestDb(server.dbPath);
  db.prepare(
    `insert into documents (id, workspace_id, step, title, status, created_by, created_at, updated_at, archived_at)
     values (?, ?, 1, ?, 'concept', null, ?, ?, ?)`
  ).run(id, workspaceId, title, now, now, archived ? now : null);
  db.close();
  return id;
}

/** Everything a refused request could have changed. */
function everything() {
  const tables = ['meetings', 'meeting_participants', 'meeting_decisions', 'actions'];
  const rows = Object.fromEntries(tables.map((t) => [t, query(`select * from ${t} order by 1, 2`)]));
  const audit = query<{ n: number }>("select count(*) as n from audit_log where action not like 'session.%'")[0]!.n;
  return { ...rows, audit };
}

const expectRefused = refusalCheck(everything);

function form(values: Record<string, string | string[]>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    for (const v of Array.isArray(value) ? value : [value]) params.append(key, v);
  }
  return params;
}

const meetingForm = (overrides: Record<string, string | string[]> = {}) =>
  form({
    kind: 'ambtelijk_overleg',
    title: 'Ambtelijk overleg woonzorgvisie',
    date: '2026-12-01',
    startTime: '09:30',
    endTime: '11:00',
    location: 'Stadhuis Enschede',
    agendaDocumentId: docs.regio,
    participantIds: [users.regie, users.zorg],
    minutes: 'Verslag van het overleg.\nTweede regel.',
    ...overrides,
  });

async function createMeeting(slug: string, overrides: Record<string, string | string[]> = {}): Promise<string> {
  const reply = await clients.regie.post(`/w/${slug}/overleggen/nieuw`, meetingForm(overrides));
  expect(reply.status, reply.body.slice(0, 400)).toBe(302);
  const id = reply.location!.match(/overleggen\/([0-9a-f-]{36})\?melding=opgeslagen$/)![1]!;
  return id;
}

async function addDecision(slug: string, meetingId: string, text: string, extra: Record<string, string> = {}) {
  const reply = await clients.regie.post(`/w/${slug}/overleggen/${meetingId}`, form({ intent: 'decision', text, ...extra }));
  expect(reply.status, reply.body.slice(0, 400)).toBe(302);
  return query<{ id: string }>('select id from meeting_decisions where meeting_id = ? and text = ?', meetingId, text)[0]!.id;
}

const meetingRow = (id: string) =>
  query<{ adopted_at: string | null; adopted_in_meeting_id: string | null; adopted_by: string | null; date: string }>(
    'select * from meetings where id = ?',
    id
  )[0]!;

let meetingA: string; // regio, 2026-12-01, with a decision
let decisionA: string;
let meetingB: string; // regio, later: where A's minutes get vastgesteld
let meetingSameDay: string; // regio, the same day as A
let meetingC: string; // enschede, with a decision
let decisionC: string;

beforeAll(async () => {
  server = await startServer();
  for (const user of Object.keys(DEMO) as DemoUser[]) {
    clients[user] = await loggedIn(server.url, DEMO[user], DEMO_PASSWORD);
    users[user] = query<{ id: string }>('select id from users where email = ?', DEMO[user])[0]!.id;
  }
  for (const slug of ['regio', 'enschede', 'hengelo'] as const) {
    ws[slug] = query<{ id: string }>('select id from workspaces where slug = ?', slug)[0]!.id;
  }
  docs.regio = insertDocument(ws.regio, 'Agenda ambtelijk overleg');
  docs.archived = insertDocument(ws.regio, 'Oude agenda', true);
  docs.enschede = insertDocument(ws.enschede, 'Agenda Enschede');

  meetingA = await createMeeting('regio');
  decisionA = await addDecision('regio', meetingA, 'Regionale afspraken uitstroom BW naar corporatiewoningen', {
    ownerId: users.enschede,
    dueDate: '2027-03-31',
  });
  meetingB = await createMeeting('regio', {
    title: 'Bestuurlijk overleg januari',
    kind: 'bestuurlijk_overleg',
    date: '2027-01-15',
  });
  meetingSameDay = await createMeeting('regio', { title: 'Adviesgroep december', kind: 'adviesgroep' });
  meetingC = await createMeeting('enschede', {
    title: 'Ambtelijk overleg Enschede',
    agendaDocumentId: docs.enschede,
    participantIds: [users.enschede],
  });
  decisionC = await addDecision('enschede', meetingC, 'Wonen met zorg in Enschede-Zuid onderzoeken');
});
afterAll(() => server?.stop());

describe('a meeting as created', () => {
  it('holds its details, participants and agenda, and is audited', () => {
    const row = query<Record<string, unknown>>('select * from meetings where id = ?', meetingA)[0]!;
    expect(row).toMatchObject({
      workspace_id: ws.regio,
      kind: 'ambtelijk_overleg',
      date: '2026-12-01',
      start_time: '09:30',
      end_time: '11:00',
      agenda_document_id: docs.regio,
      minutes: 'Verslag van het overleg.\nTweede regel.',
      adopted_at: null,
    });
    const participants = query<{ user_id: string }>('select user_id from meeting_participants where meeting_id = ?', meetingA);
    expect(participants.map((p) => p.user_id).sort()).toEqual([users.regie, users.zorg].sort());
    const audit = query<{ action: string }>(
      "select action from audit_log where entity_id = ? and action like 'meeting.%'",
      meetingA
    );
    expect(audit.map((a) => a.action)).toEqual(['meeting.create']);
  });

  it('lists under komende or eerdere with its kind, date, counts and the status of its minutes', async () => {
    const reply = await clients.provincie.get('/w/regio/overleggen');
    expect(reply.status).toBe(200);
    const row = reply.body.match(new RegExp(`<tr[^>]*data-meeting="${meetingA}"[\\s\\S]*?</tr>`))![0];
    expect(row).toContain('01-12-2026');
    expect(row).toContain('Ambtelijk overleg');
    expect(row).toMatch(/>2<\/td>/); // participants
    expect(row).toMatch(/>1<\/td>/); // decisions
    expect(row).toContain('Concept');
  });

  it('a gemeente shows its own meetings only', async () => {
    const reply = await clients.regie.get('/w/enschede/overleggen');
    expect(reply.body).toContain('Ambtelijk overleg Enschede');
    expect(reply.body).not.toContain(meetingA);
  });
});

describe('who may, on every route', () => {
  const readers: DemoUser[] = ['enschede', 'zorg', 'provincie', 'beheer']; // redacteur, commentator, lezer, beheerder
  const pages = () =>
    [
      ['list', '/w/regio/overleggen', { readers: 200 }],
      ['new form', '/w/regio/overleggen/nieuw', { readers: 403 }],
      ['detail', `/w/regio/overleggen/${meetingA}`, { readers: 200 }],
      ['edit form', `/w/regio/overleggen/${meetingA}/bewerken`, { readers: 403 }],
      ['besluitenlijst.docx', `/w/regio/overleggen/${meetingA}/besluitenlijst.docx`, { readers: 200 }],
    ] as const;

  it('the projectleider opens every page', async () => {
    for (const [, path] of pages()) expect((await clients.regie.get(path)).status, path).toBe(200);
  });

  for (const user of readers) {
    it(`${user} reads but does not open the forms`, async () => {
      for (const [, path, expected] of pages()) expect((await clients[user].get(path)).status, path).toBe(expected.readers);
    });
  }

  it('a non-member (hengelo) gets 404 everywhere', async () => {
    for (const [, path] of pages()) expect((await clients.hengelo.get(path)).status, path).toBe(404);
  });

  const writes = () =>
    [
      ['create', '/w/regio/overleggen/nieuw', meetingForm({ title: 'Niet toegestaan' })],
      ['edit', `/w/regio/overleggen/${meetingA}/bewerken`, meetingForm({ title: 'Niet toegestaan' })],
      ['add decision', `/w/regio/overleggen/${meetingA}`, form({ intent: 'decision', text: 'Niet toegestaan' })],
      [
        'change decision',
        `/w/regio/overleggen/${meetingA}`,
        form({ intent: 'decision', decisionId: decisionA, text: 'Niet toegestaan' }),
      ],
      ['remove decision', `/w/regio/overleggen/${meetingA}`, form({ intent: 'remove', decisionId: decisionA })],
      ['adopt', `/w/regio/overleggen/${meetingB}`, form({ intent: 'adopt', meetingId: meetingA })],
      ['make action', `/w/regio/overleggen/${meetingA}`, form({ intent: 'action', decisionId: decisionA })],
    ] as const;

  for (const user of readers) {
    it(`${user} changes nothing: 403 on every intent${user === 'enschede' ? ' but making an action' : ''}`, async () => {
      for (const [name, path, body] of writes()) {
        if (user === 'enschede' && name === 'make action') continue; // the redacteur's: below
        await expectRefused(() => clients[user].post(path, body), 403);
      }
    });
  }

  it('a non-member (hengelo) gets 404 on every intent and changes nothing', async () => {
    for (const [, path, body] of writes()) await expectRefused(() => clients.hengelo.post(path, body), 404);
  });

  it("another workspace's meeting in the URL answers 404, on every route and intent", async () => {
    for (const path of [
      `/w/regio/overleggen/${meetingC}`,
      `/w/regio/overleggen/${meetingC}/bewerken`,
      `/w/regio/overleggen/${meetingC}/besluitenlijst.docx`,
      `/w/enschede/overleggen/${meetingA}`,
      `/w/regio/overleggen/00000000-0000-0000-0000-000000000000`,
      '/w/regio/overleggen/geen-id',
    ]) {
      expect((await clients.regie.get(path)).status, path).toBe(404);
    }
    for (const body of [
      form({ intent: 'decision', text: 'Elders' }),
      form({ intent: 'remove', decisionId: decisionC }),
      form({ intent: 'action', decisionId: decisionC }),
      form({ intent: 'adopt', meetingId: meetingA }),
    ]) {
      await expectRefused(() => clients.regie.post(`/w/regio/overleggen/${meetingC}`, body), 404);
    }
    await expectRefused(() => clients.regie.post(`/w/enschede/overleggen/${meetingA}/bewerken`, meetingForm()), 404);
  });

  it('a decision of another meeting or workspace answers 404 and changes nothing', async () => {
    for (const decisionId of [decisionC, '00000000-0000-0000-0000-000000000000', '']) {
      for (const intent of ['remove', 'action']) {
        await expectRefused(() => clients.regie.post(`/w/regio/overleggen/${meetingA}`, form({ intent, decisionId })), 404);
      }
      if (decisionId) {
        await expectRefused(
          () => clients.regie.post(`/w/regio/overleggen/${meetingB}`, form({ intent: 'decision', decisionId, text: 'Elders' })),
          404
        );
      }
    }
    // A's decision through B's page: not B's.
    await expectRefused(
      () => clients.regie.post(`/w/regio/overleggen/${meetingB}`, form({ intent: 'remove', decisionId: decisionA })),
      404
    );
  });

  it('an unknown intent is refused', () =>
    expectRefused(() => clients.regie.post(`/w/regio/overleggen/${meetingA}`, form({ intent: 'feest' })), 400));
});

describe('bad input: a Dutch message at the field, 400, nothing changed', () => {
  const cases: Array<[string, () => Record<string, string | string[]>, string]> = [
    ['a date that does not exist', () => ({ date: '2026-02-30' }), 'Vul een geldige datum in'],
    ['a date in the Dutch order', () => ({ date: '31-12-2026' }), 'Vul een geldige datum in'],
    ['no date', () => ({ date: '' }), 'Vul de datum van het overleg in.'],
    ['a time of 25:00', () => ({ startTime: '25:00' }), 'Vul een tijd in als uu:mm'],
    ['a time of 9.30', () => ({ startTime: '9.30' }), 'Vul een tijd in als uu:mm'],
    ['an end before the start', () => ({ startTime: '14:00', endTime: '13:00' }), 'De eindtijd ligt na de begintijd.'],
    ['an end as early as the start', () => ({ startTime: '14:00', endTime: '14:00' }), 'De eindtijd ligt na de begintijd.'],
    ['an end without a start', () => ({ startTime: '', endTime: '13:00' }), 'Vul ook de begintijd in.'],
    ['an unknown kind', () => ({ kind: 'borrel' }), 'Kies het soort overleg.'],
    ['no title', () => ({ title: '' }), 'Geef het overleg een titel.'],
    [
      'an unknown participant',
      () => ({ participantIds: [users.regie, '00000000-0000-0000-0000-000000000000'] }),
      'Kies deelnemers uit de leden van deze werkruimte.',
    ],
    [
      'a participant of another workspace',
      () => ({ participantIds: [users.hengelo] }),
      'Kies deelnemers uit de leden van deze werkruimte.',
    ],
    [
      'an agenda of another workspace',
      () => ({ agendaDocumentId: docs.enschede }),
      'Kies een document van deze werkruimte als agenda.',
    ],
    ['an archived agenda', () => ({ agendaDocumentId: docs.archived }), 'Kies een document van deze werkruimte als agenda.'],
    [
      'an unknown agenda',
      () => ({ agendaDocumentId: '00000000-0000-0000-0000-000000000000' }),
      'Kies een document van deze werkruimte als agenda.',
    ],
  ];
  for (const [name, overrides, message] of cases) {
    it(`new meeting: ${name}`, async () => {
      const reply = await expectRefused(
        () => clients.regie.post('/w/regio/overleggen/nieuw', meetingForm(overrides())),
        400,
        message
      );
      expect(reply.body).toContain('utrecht-form-field--invalid'); // at the field
    });
    it(`edit meeting: ${name}`, () =>
      expectRefused(
        () => clients.regie.post(`/w/regio/overleggen/${meetingB}/bewerken`, meetingForm(overrides())),
        400,
        message
      ));
  }

  const decisionCases: Array<[string, () => Record<string, string>, string]> = [
    ['a due date that does not exist', () => ({ dueDate: '2026-02-30' }), 'Vul een geldige datum in'],
    ['a due date in the Dutch order', () => ({ dueDate: '31-12-2026' }), 'Vul een geldige datum in'],
    ['an unknown owner', () => ({ ownerId: '00000000-0000-0000-0000-000000000000' }), 'Kies een eigenaar uit de leden'],
    ['an owner of another workspace', () => ({ ownerId: users.hengelo }), 'Kies een eigenaar uit de leden'],
    ['no text', () => ({ text: '' }), 'Schrijf het besluit op.'],
    ['a text that is too long', () => ({ text: 'x'.repeat(2001) }), 'Een besluit is hoogstens 2.000 tekens.'],
  ];
  for (const [name, overrides, message] of decisionCases) {
    it(`new decision: ${name}`, () =>
      expectRefused(
        () =>
          clients.regie.post(
            `/w/regio/overleggen/${meetingB}`,
            form({ intent: 'decision', text: 'Een besluit', ...overrides() })
          ),
        400,
        message
      ));
    it(`changed decision: ${name}`, () =>
      expectRefused(
        () =>
          clients.regie.post(
            `/w/regio/overleggen/${meetingA}`,
            form({ intent: 'decision', decisionId: decisionA, text: 'Een besluit', ...overrides() })
          ),
        400,
        message
      ));
  }

  it('adopting without choosing, or a meeting of another workspace, is a field error', async () => {
    await expectRefused(
      () => clients.regie.post(`/w/regio/overleggen/${meetingB}`, form({ intent: 'adopt', meetingId: '' })),
      400,
      'Kies het overleg waarvan u het verslag vaststelt.'
    );
    for (const meetingId of [meetingC, '00000000-0000-0000-0000-000000000000']) {
      await expectRefused(
        () => clients.regie.post(`/w/regio/overleggen/${meetingB}`, form({ intent: 'adopt', meetingId })),
        400,
        'Kies een eerder overleg uit de lijst.'
      );
    }
  });

  it('a valid change is accepted (the cases above fail for their own reason)', async () => {
    const reply = await clients.regie.post(
      `/w/regio/overleggen/${meetingB}/bewerken`,
      meetingForm({
        title: 'Bestuurlijk overleg januari',
        kind: 'bestuurlijk_overleg',
        date: '2027-01-15',
        startTime: '',
        endTime: '',
      })
    );
    expect(reply.status).toBe(302);
    expect(meetingRow(meetingB)).toMatchObject({ date: '2027-01-15', start_time: null, end_time: null });
  });
});

describe('decisions', () => {
  it('are added, changed and removed by the projectleider, each audited', async () => {
    const id = await addDecision('regio', meetingB, 'Tijdelijk besluit');
    let reply = await clients.regie.post(
      `/w/regio/overleggen/${meetingB}`,
      form({ intent: 'decision', decisionId: id, text: 'Gewijzigd besluit', ownerId: users.provincie, dueDate: '2027-02-28' })
    );
    expect(reply.status).toBe(302);
    expect(query('select text, owner_user_id, due_date from meeting_decisions where id = ?', id)).toEqual([
      { text: 'Gewijzigd besluit', owner_user_id: users.provincie, due_date: '2027-02-28' },
    ]);
    reply = await clients.regie.post(`/w/regio/overleggen/${meetingB}`, form({ intent: 'remove', decisionId: id }));
    expect(reply.status).toBe(302);
    expect(query('select id from meeting_decisions where id = ?', id)).toEqual([]);
    const audit = query<{ action: string }>(
      "select action from audit_log where entity_id = ? and action like 'decision.%' order by id",
      meetingB
    );
    expect(audit.map((a) => a.action)).toEqual(['decision.create', 'decision.update', 'decision.remove']);
  });
});

describe('Maak actie', () => {
  it('the redacteur makes an action from a decision: besloten, linked both ways, owner and due date taken over', async () => {
    const reply = await clients.enschede.post(
      `/w/regio/overleggen/${meetingA}`,
      form({ intent: 'action', decisionId: decisionA })
    );
    expect(reply.status).toBe(302);
    const actionId = reply.location!.match(/melding=actie&actie=([0-9a-f-]{36})/)![1];
    const [action] = query<Record<string, unknown>>('select * from actions where id = ?', actionId);
    expect(action).toMatchObject({
      workspace_id: ws.regio,
      title: 'Regionale afspraken uitstroom BW naar corporatiewoningen',
      description: 'Regionale afspraken uitstroom BW naar corporatiewoningen',
      status: 'besloten',
      meeting_id: meetingA,
      owner_user_id: users.enschede,
      due_date: '2027-03-31',
      level: 'regionaal',
      priority: 'normaal',
      created_by: users.enschede,
    });
    expect(query('select action_id from meeting_decisions where id = ?', decisionA)).toEqual([{ action_id: actionId }]);
    expect(query("select action from audit_log where entity_id = ? and action = 'decision.action'", actionId)).toHaveLength(1);
    // The page links to it now, and offers no second one.
    const page = await clients.regie.get(`/w/regio/overleggen/${meetingA}`);
    expect(page.body).toContain(`/w/regio/acties/${actionId}`);
    expect(page.body).not.toMatch(/Maak actie/);
  });

  it('pressing again makes no second action', async () => {
    const before = everything();
    const reply = await clients.regie.post(`/w/regio/overleggen/${meetingA}`, form({ intent: 'action', decisionId: decisionA }));
    expect(reply.status).toBe(302);
    expect(reply.location).toContain('melding=actie-bestond');
    expect(everything()).toEqual(before);
  });

  it("in a gemeente the action is lokaal; a long decision's title is cut after a word, the full text kept", async () => {
    const text = `${'Onderzoek naar de woonbehoefte van ouderen met een zorgvraag in alle wijken '.repeat(4)}en rapporteer.`;
    const id = await addDecision('enschede', meetingC, text);
    const reply = await clients.regie.post(`/w/enschede/overleggen/${meetingC}`, form({ intent: 'action', decisionId: id }));
    expect(reply.status).toBe(302);
    const [action] = query<{ title: string; description: string; level: string; status: string }>(
      'select a.* from actions a join meeting_decisions d on d.action_id = a.id where d.id = ?',
      id
    );
    expect(action!.level).toBe('lokaal');
    expect(action!.status).toBe('besloten');
    expect(action!.title.length).toBeLessThanOrEqual(150);
    expect(action!.title).toMatch(/[a-z]…$/);
    expect(text.startsWith(action!.title.slice(0, -1))).toBe(true);
    expect(action!.description).toBe(text);
  });
});

describe('minutes vastgesteld', () => {
  it('not in the same meeting, a meeting of the same day, or an earlier one', async () => {
    await expectRefused(
      () => clients.regie.post(`/w/regio/overleggen/${meetingA}`, form({ intent: 'adopt', meetingId: meetingA })),
      409,
      'later overleg'
    );
    await expectRefused(
      () => clients.regie.post(`/w/regio/overleggen/${meetingSameDay}`, form({ intent: 'adopt', meetingId: meetingA })),
      409,
      'later overleg'
    );
    await expectRefused(
      () => clients.regie.post(`/w/regio/overleggen/${meetingA}`, form({ intent: 'adopt', meetingId: meetingB })),
      409,
      'later overleg'
    );
  });

  it('in a later meeting of the same workspace: recorded with who and where, audited', async () => {
    const reply = await clients.regie.post(`/w/regio/overleggen/${meetingB}`, form({ intent: 'adopt', meetingId: meetingA }));
    expect(reply.status).toBe(302);
    const row = meetingRow(meetingA);
    expect(row.adopted_at).not.toBeNull();
    expect(row.adopted_in_meeting_id).toBe(meetingB);
    expect(row.adopted_by).toBe(users.regie);
    expect(query("select action from audit_log where entity_id = ? and action = 'meeting.adopt'", meetingA)).toHaveLength(1);
    const list = await clients.provincie.get('/w/regio/overleggen');
    const listRow = list.body.match(new RegExp(`<tr[^>]*data-meeting="${meetingA}"[\\s\\S]*?</tr>`))![0];
    expect(listRow).toContain('Vastgesteld op 15-01-2027 in Bestuurlijk overleg januari');
  });

  it('after that the meeting, its minutes and decisions answer 409 with the reason, and nothing changes', async () => {
    const message = 'Het verslag van dit overleg is vastgesteld';
    expect((await clients.regie.get(`/w/regio/overleggen/${meetingA}/bewerken`)).status).toBe(409);
    await expectRefused(() => clients.regie.post(`/w/regio/overleggen/${meetingA}/bewerken`, meetingForm()), 409, message);
    await expectRefused(
      () => clients.regie.post(`/w/regio/overleggen/${meetingA}`, form({ intent: 'decision', text: 'Nog een besluit' })),
      409,
      message
    );
    await expectRefused(
      () =>
        clients.regie.post(
          `/w/regio/overleggen/${meetingA}`,
          form({ intent: 'decision', decisionId: decisionA, text: 'Anders' })
        ),
      409,
      message
    );
    await expectRefused(
      () => clients.regie.post(`/w/regio/overleggen/${meetingA}`, form({ intent: 'remove', decisionId: decisionA })),
      409,
      message
    );
    await expectRefused(
      () => clients.regie.post(`/w/regio/overleggen/${meetingB}`, form({ intent: 'adopt', meetingId: meetingA })),
      409,
      message
    );
  });

  it('the page says why and offers no edit controls; Maak actie still works', async () => {
    const id = crypto.randomUUID();
    const db = openTestDb(server.dbPath);
    db.prepare(
      "insert into meeting_decisions (id, meeting_id, position, text, created_at) values (?, ?, 9, 'Besluit zonder actie', ?)"
    ).run(id, meetingA, new Date().toISOString());
    db.close();
    const page = await clients.regie.get(`/w/regio/overleggen/${meetingA}`);
    expect(page.body).toContain('niet meer worden gewijzigd');
    expect(page.body).not.toContain('Overleg bewerken');
    expect(page.body).not.toContain('Besluit toevoegen');
    expect(page.body).not.toMatch(/>Wijzig<span/);
    expect(page.body).toContain('Maak actie');
    const reply = await clients.enschede.post(`/w/regio/overleggen/${meetingA}`, form({ intent: 'action', decisionId: id }));
    expect(reply.status).toBe(302);
    expect(
      query<{ action_id: string | null }>('select action_id from meeting_decisions where id = ?', id)[0]!.action_id
    ).not.toBeNull();
  });

  it('the meeting it was vastgesteld in cannot move to before that meeting', async () => {
    await expectRefused(
      () =>
        clients.regie.post(
          `/w/regio/overleggen/${meetingB}/bewerken`,
          meetingForm({ title: 'Bestuurlijk overleg januari', date: '2026-11-15' })
        ),
      400,
      'kies een datum na 01-12-2026'
    );
  });
});

describe('the besluitenlijst as DOCX', () => {
  it('a Word file with the decisions, the Dutch date, participants, the minutes status and page numbers', async () => {
    const response = await fetch(new URL(`/w/regio/overleggen/${meetingA}/besluitenlijst.docx`, server.url), {
      headers: { cookie: clients.provincie.cookie! },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="besluitenlijst-ambtelijk-overleg-2026-12-01.docx"'
    );
    const zip = await JSZip.loadAsync(await response.arrayBuffer());
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('|');
    expect(text).toContain('Besluitenlijst Ambtelijk overleg 01-12-2026');
    expect(text).toContain('dinsdag 1 december 2026, 09:30–11:00 uur');
    expect(text).toContain('Regio Enschede (MO/BW)');
    expect(text).toContain('Regionale afspraken uitstroom BW naar corporatiewoningen');
    expect(text).toContain('Besluit zonder actie');
    expect(text).toContain('Eva Enschede'); // the owner
    expect(text).toContain('31-03-2027'); // the due date
    expect(text).toContain('Rian Regie'); // a participant
    expect(text).toContain('Vastgesteld op 15-01-2027 in Bestuurlijk overleg januari');
    expect(text).toMatch(/Nr\.\|Besluit\|Eigenaar\|Streefdatum\|Actie/);
    const styles = await zip.file('word/styles.xml')!.async('string');
    expect(styles).toMatch(/<w:lang w:val="nl-NL"/);
    const footers = await Promise.all(
      Object.keys(zip.files)
        .filter((n) => /^word\/footer\d*\.xml$/.test(n))
        .map((n) => zip.file(n)!.async('string'))
    );
    const footer = footers.join('\n');
    expect(footer).toContain('Pagina ');
    expect(footer).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/);
    expect(footer).toMatch(/<w:instrText[^>]*>\s*NUMPAGES\s*<\/w:instrText>/);
  });
});
