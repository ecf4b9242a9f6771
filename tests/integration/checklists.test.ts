import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/index.ts';
import { seedDefaultChecklists } from '../../setup/seed.ts';
import { DEFAULT_CHECKLISTS } from '../../app/features/steps/checklist-defaults.ts';
import { createDocument } from '../helpers/collab.ts';
import { openTestDb } from '../helpers/db.ts';
import { refusalCheck } from '../helpers/refused.ts';
import { Client, loggedIn } from '../helpers/http.ts';
import { DEMO, DEMO_PASSWORD, startServer, type DemoUser, type TestServer } from '../helpers/server.ts';

// The step page and its checklist against the real server: who may see and change what (the server refuses,
// not only the page), bad input refused at the field with nothing changed, completing a step with open items,
// and the default checklists new workspaces get.

let server: TestServer;
const clients = {} as Record<DemoUser, Client>;
let anonymous: Client;
/** A plan of Enschede with the woonzorgvisie's seven chapters, one of Hengelo, and an archived one of Enschede. */
let plan: string;
let hengeloPlan: string;
let archivedPlan: string;

beforeAll(async () => {
  server = await startServer();
  anonymous = new Client(server.url);
  for (const user of Object.keys(DEMO) as DemoUser[]) clients[user] = await loggedIn(server.url, DEMO[user], DEMO_PASSWORD);
  plan = await createDocument(clients.regie, 'enschede', 'Woonzorgvisie Enschede', 'woonzorgvisie');
  hengeloPlan = await createDocument(clients.regie, 'hengelo', 'Woonzorgvisie Hengelo', 'woonzorgvisie');
  archivedPlan = await createDocument(clients.regie, 'enschede', 'Oude visie', 'woonzorgvisie');
  const archived = await clients.regie.post(`/w/enschede/documenten/${archivedPlan}`, { intent: 'archive' });
  expect(archived.status).toBe(302);
}, 120_000);
afterAll(() => server?.stop());

interface ItemRow {
  id: string;
  text: string;
  position: number;
  document_id: string | null;
  heading: string | null;
  checked_at: string | null;
  checked_by: string | null;
}

function items(slug: string, step: number): ItemRow[] {
  const db = openTestDb(server.dbPath);
  const rows = db
    .prepare(
      `select c.id, c.text, c.position, c.document_id, c.heading, c.checked_at, c.checked_by
       from checklist_items c join workspaces w on w.id = c.workspace_id
       where w.slug = ? and c.step = ? order by c.position, c.created_at`
    )
    .all(slug, step) as ItemRow[];
  db.close();
  return rows;
}

/** Everything a refused request could have changed: every checklist item, the steps and the audit log. */
function everything() {
  const db = openTestDb(server.dbPath);
  const result = {
    items: db.prepare('select * from checklist_items order by id').all(),
    steps: db.prepare('select * from steps order by id').all(),
    audit: (db.prepare("select count(*) as n from audit_log where action not like 'session.%'").get() as { n: number }).n,
  };
  db.close();
  return result;
}

function lastAudit(action: string): { entity_id: string; details: Record<string, unknown> } {
  const db = openTestDb(server.dbPath);
  const row = db.prepare('select entity_id, details from audit_log where action = ? order by rowid desc limit 1').get(action) as {
    entity_id: string;
    details: string;
  };
  db.close();
  return { entity_id: row.entity_id, details: JSON.parse(row.details) };
}

function userId(email: string): string {
  const db = openTestDb(server.dbPath);
  const row = db.prepare('select id from users where email = ?').get(email) as { id: string };
  db.close();
  return row.id;
}

const expectRefused = refusalCheck(everything);

/** The form of each intent for an item, valid apart from who sends it. */
function formFor(intent: string, id: string): Record<string, string> {
  switch (intent) {
    case 'add':
      return { intent, text: 'Een nieuw punt' };
    case 'rename':
      return { intent, id, text: 'Andere tekst' };
    case 'heading':
      return { intent, id, heading: `${plan}|2. Doelgroepen` };
    case 'remove':
      return { intent, id, confirm: 'on' };
    default:
      return { intent, id };
  }
}
const INTENTS = ['add', 'tick', 'untick', 'rename', 'heading', 'up', 'down', 'remove'];

describe('who may see the step page', () => {
  // regie: projectleider of the region, so in every gemeente; enschede: redacteur; hengelo: no member of
  // Enschede; zorg: commentator; provincie: lezer; beheer: beheerder.
  const expected: Record<DemoUser, number> = { regie: 200, enschede: 200, zorg: 200, provincie: 200, beheer: 200, hengelo: 404 };
  for (const step of [1, 2, 3, 4]) {
    it(`GET /w/enschede/stap/${step} for every role`, async () => {
      expect((await anonymous.get(`/w/enschede/stap/${step}`)).status).toBe(302);
      for (const user of Object.keys(DEMO) as DemoUser[]) {
        const reply = await clients[user].get(`/w/enschede/stap/${step}`);
        expect(reply.status, user).toBe(expected[user]);
        if (reply.status !== 200) continue;
        // Everyone who sees it reads the checklist; only the projectleider gets its buttons.
        expect(reply.body).toContain(items('enschede', step)[0]!.text);
        expect(reply.body.includes('Punt toevoegen'), user).toBe(user === 'regie');
        expect(reply.body.includes('/stap/' + step + '/wijzigen'), user).toBe(user === 'regie');
      }
    });
  }

  it('the edit page is for the projectleider only', async () => {
    for (const user of Object.keys(DEMO) as DemoUser[]) {
      const reply = await clients[user].get('/w/enschede/stap/2/wijzigen');
      expect(reply.status, user).toBe(user === 'regie' ? 200 : user === 'hengelo' ? 404 : 403);
    }
  });

  it('an unknown step number or workspace is 404', async () => {
    for (const path of ['/w/enschede/stap/5', '/w/enschede/stap/0', '/w/enschede/stap/x', '/w/atlantis/stap/1']) {
      expect((await clients.regie.get(path)).status, path).toBe(404);
      await expectRefused(() => clients.regie.post(path, { intent: 'add', text: 'Nee' }), 404);
    }
  });

  it('step 2 explains the content check and lists what the plan does not cover yet', async () => {
    const body = (await clients.provincie.get('/w/enschede/stap/2')).body;
    expect(body).toContain('Wet versterking regie volkshuisvesting');
    expect(body).toContain('3 juli 2025');
    expect(body).toContain('Nog niet gedekt in het plan');
    expect(body).toContain(`0 van ${DEFAULT_CHECKLISTS[2]!.length} afgevinkt`);
    expect((await clients.provincie.get('/w/enschede/stap/1')).body).not.toContain('Nog niet gedekt in het plan');
  });
});

describe('who may change the checklist: every intent, every role', () => {
  for (const intent of INTENTS) {
    it(`${intent}: only the projectleider; a redacteur, commentator, lezer or beheerder gets 403, a non-member 404`, async () => {
      const target = items('enschede', 2)[1]!;
      const form = formFor(intent, target.id);
      const login = await anonymous.post('/w/enschede/stap/2', form);
      expect(login.status).toBe(302);
      expect(login.location).toMatch(/^\/login/);
      for (const user of ['enschede', 'zorg', 'provincie', 'beheer'] as const) {
        await expectRefused(() => clients[user].post('/w/enschede/stap/2', form), 403);
      }
      await expectRefused(() => clients.hengelo.post('/w/enschede/stap/2', form), 404);
      // Hengelo's own redacteur in Hengelo's workspace: seen, not managed.
      const own = items('hengelo', 2)[1]!;
      await expectRefused(() => clients.hengelo.post('/w/hengelo/stap/2', formFor(intent, own.id)), 403);
    });

    if (intent !== 'add') {
      it(`${intent}: an item of another workspace, of another step or unknown answers 404 and changes nothing`, async () => {
        const ofHengelo = items('hengelo', 2)[1]!.id;
        const ofStepOne = items('enschede', 1)[1]!.id;
        for (const id of [ofHengelo, ofStepOne, '00000000-0000-4000-8000-000000000000', 'geen-id', '']) {
          await expectRefused(() => clients.regie.post('/w/enschede/stap/2', formFor(intent, id)), 404);
        }
      });
    }
  }

  it('an unknown intent is refused with 400', async () => {
    const id = items('enschede', 2)[0]!.id;
    await expectRefused(() => clients.regie.post('/w/enschede/stap/2', { intent: 'wis-alles', id }), 400);
  });
});

describe('the projectleider changes the checklist (the region projectleider, in a gemeente)', () => {
  it('ticks an item: who and when are recorded and shown; unticking clears them', async () => {
    const [first] = items('borne', 1);
    const tick = await clients.regie.post('/w/borne/stap/1', { intent: 'tick', id: first!.id });
    expect(tick.status).toBe(302);
    expect(tick.location).toBe(`/w/borne/stap/1?gedaan=tick#punt-${first!.id}`);
    const ticked = items('borne', 1)[0]!;
    expect(ticked.checked_by).toBe(userId(DEMO.regie));
    expect(ticked.checked_at).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(lastAudit('checklist.tick')).toMatchObject({ entity_id: first!.id, details: { step: 1, text: first!.text } });
    const page = (await clients.provincie.get('/w/borne/stap/1')).body;
    expect(page).toContain('Afgevinkt door Rian Regie op');
    expect(page).toContain('1 van 4 afgevinkt');
    expect(page).toMatch(/<progress[^>]*max="4"[^>]*value="1"/);
    // The steps overview shows the progress too.
    expect((await clients.provincie.get('/w/borne')).body).toContain('1 van 4 afgevinkt');

    // Ticking twice changes nothing more.
    const audits = everything().audit;
    await clients.regie.post('/w/borne/stap/1', { intent: 'tick', id: first!.id });
    expect(everything().audit).toBe(audits);

    expect((await clients.regie.post('/w/borne/stap/1', { intent: 'untick', id: first!.id })).status).toBe(302);
    expect(items('borne', 1)[0]).toMatchObject({ checked_at: null, checked_by: null });
    expect(lastAudit('checklist.untick').entity_id).toBe(first!.id);
    expect((await clients.provincie.get('/w/borne/stap/1')).body).toContain('0 van 4 afgevinkt');
  });

  it('adds, renames, moves and removes an item', async () => {
    const add = await clients.regie.post('/w/borne/stap/3', { intent: 'add', text: '  Acties gekoppeld aan de woondeal  ' });
    expect(add.status).toBe(302);
    const added = items('borne', 3).at(-1)!;
    expect(added.text).toBe('Acties gekoppeld aan de woondeal');
    expect(added.position).toBe(DEFAULT_CHECKLISTS[3]!.length);
    expect(lastAudit('checklist.add')).toMatchObject({ entity_id: added.id, details: { step: 3 } });

    expect(
      (await clients.regie.post('/w/borne/stap/3', { intent: 'rename', id: added.id, text: 'Acties bij de woondeal' })).status
    ).toBe(302);
    expect(items('borne', 3).at(-1)!.text).toBe('Acties bij de woondeal');
    expect(lastAudit('checklist.update').details).toMatchObject({
      text: { from: 'Acties gekoppeld aan de woondeal', to: 'Acties bij de woondeal' },
    });

    expect((await clients.regie.post('/w/borne/stap/3', { intent: 'up', id: added.id })).status).toBe(302);
    expect(items('borne', 3).map((i) => i.text)).toEqual([
      ...DEFAULT_CHECKLISTS[3]!.slice(0, -1),
      'Acties bij de woondeal',
      DEFAULT_CHECKLISTS[3]!.at(-1),
    ]);
    const firstId = items('borne', 3)[0]!.id;
    // The first item cannot go further up; nothing is written.
    const before = everything();
    expect((await clients.regie.post('/w/borne/stap/3', { intent: 'up', id: firstId })).status).toBe(302);
    expect(everything()).toEqual(before);
    expect((await clients.regie.post('/w/borne/stap/3', { intent: 'down', id: firstId })).status).toBe(302);
    expect(items('borne', 3)[1]!.id).toBe(firstId);
    expect(items('borne', 3).map((i) => i.position)).toEqual([0, 1, 2, 3, 4]);

    // Removing asks for the confirmation box.
    await expectRefused(
      () => clients.regie.post('/w/borne/stap/3', { intent: 'remove', id: added.id }),
      400,
      'Vink aan dat u dit punt wilt verwijderen.'
    );
    expect((await clients.regie.post('/w/borne/stap/3', { intent: 'remove', id: added.id, confirm: 'on' })).status).toBe(302);
    const [one, two, ...rest] = DEFAULT_CHECKLISTS[3]!;
    expect(items('borne', 3).map((i) => i.text)).toEqual([two, one, ...rest]);
    expect(lastAudit('checklist.remove')).toMatchObject({ entity_id: added.id, details: { text: 'Acties bij de woondeal' } });
  });

  it('points a step-2 item at a heading of the plan: it leaves "nog niet gedekt" and links to the heading', async () => {
    const item = items('enschede', 2)[0]!;
    const uncovered = () => {
      const body = clients.provincie.get('/w/enschede/stap/2').then((r) => r.body);
      return body.then((b) => b.split('data-testid="niet-gedekt"')[1]!.split('</ul>')[0]!);
    };
    expect(await uncovered()).toContain(item.text);
    const reply = await clients.regie.post('/w/enschede/stap/2', {
      intent: 'heading',
      id: item.id,
      heading: `${plan}|1. Opgave in beeld`,
    });
    expect(reply.status).toBe(302);
    expect(items('enschede', 2)[0]).toMatchObject({ document_id: plan, heading: '1. Opgave in beeld' });
    expect(lastAudit('checklist.update').details).toMatchObject({ heading: { from: null, to: '1. Opgave in beeld' } });
    expect(await uncovered()).not.toContain(item.text);
    const page = (await clients.provincie.get('/w/enschede/stap/2')).body;
    expect(page).toContain(`href="/w/enschede/documenten/${plan}?kop=1.%20Opgave%20in%20beeld"`);

    // A heading that is gone from the plan (an item pointing at it from before): "kop niet meer gevonden".
    const db = openTestDb(server.dbPath);
    db.prepare('update checklist_items set heading = ? where id = ?').run('9. Verdwenen hoofdstuk', item.id);
    db.close();
    const gone = await uncovered();
    expect(gone).toContain(item.text);
    expect(gone).toContain('kop niet meer gevonden');

    // Empty: no heading any more.
    expect((await clients.regie.post('/w/enschede/stap/2', { intent: 'heading', id: item.id, heading: '' })).status).toBe(302);
    expect(items('enschede', 2)[0]).toMatchObject({ document_id: null, heading: null });
  });
});

describe('bad input: a Dutch message at the field, nothing changed', () => {
  const cases: Array<[string, Record<string, string>, string]> = [
    ['an empty text', { intent: 'add', text: '' }, 'Vul de tekst van het punt in.'],
    ['a text of spaces', { intent: 'add', text: '    ' }, 'Vul de tekst van het punt in.'],
    ['a text over the limit', { intent: 'add', text: 'x'.repeat(301) }, 'Een punt is hoogstens 300 tekens.'],
    ['a text with a line break', { intent: 'add', text: 'twee\nregels' }, 'Gebruik geen regeleinden'],
  ];
  for (const [name, form, message] of cases) {
    it(`add: ${name}`, () => expectRefused(() => clients.regie.post('/w/enschede/stap/2', form), 400, message));
    it(`rename: ${name}`, () =>
      expectRefused(
        () => clients.regie.post('/w/enschede/stap/2', { ...form, intent: 'rename', id: items('enschede', 2)[2]!.id }),
        400,
        message
      ));
  }

  const headingMessage = 'Kies een kop uit een document van deze werkruimte';
  it('a heading of another workspace’s document', async () => {
    const id = items('enschede', 2)[3]!.id;
    await expectRefused(
      () => clients.regie.post('/w/enschede/stap/2', { intent: 'heading', id, heading: `${hengeloPlan}|1. Opgave in beeld` }),
      400,
      headingMessage
    );
  });

  it('a heading that does not exist, one of an archived document, an unknown document, a value without a heading', async () => {
    const id = items('enschede', 2)[3]!.id;
    for (const heading of [
      `${plan}|1. Bestaat niet`,
      `${archivedPlan}|1. Opgave in beeld`,
      '00000000-0000-4000-8000-000000000000|1. Opgave in beeld',
      `${plan}|`,
      'zomaar iets',
    ]) {
      await expectRefused(
        () => clients.regie.post('/w/enschede/stap/2', { intent: 'heading', id, heading }),
        400,
        headingMessage
      );
    }
  });

  it('the same forms are accepted when valid (the cases above fail for their own reason)', async () => {
    const id = items('enschede', 2)[3]!.id;
    expect(
      (await clients.regie.post('/w/enschede/stap/2', { intent: 'heading', id, heading: `${plan}|5. Afspraken en samenwerking` }))
        .status
    ).toBe(302);
    expect((await clients.regie.post('/w/enschede/stap/2', { intent: 'add', text: 'x'.repeat(300) })).status).toBe(302);
  });
});

describe('completing a step with open items', () => {
  it('asks for confirmation, lists the open items, and records the number in the audit row', async () => {
    const form = { status: 'afgerond', ownerId: '', dueDate: '', note: 'Klaar' };
    const first = await expectRefused(
      () => clients.regie.post('/w/losser/stap/3/wijzigen', form),
      400,
      'Toch afronden met open punten'
    );
    expect(first.body).toContain('nog 4 open punten');
    for (const text of DEFAULT_CHECKLISTS[3]!) expect(first.body).toContain(text);

    const second = await clients.regie.post('/w/losser/stap/3/wijzigen', { ...form, confirmOpen: 'on' });
    expect(second.status).toBe(302);
    expect(lastAudit('step.update')).toMatchObject({ entity_id: '3', details: { status: { to: 'afgerond' }, openItems: 4 } });
    const log = (await clients.regie.get('/w/losser/logboek')).body;
    expect(log).toContain('afgerond met 4 open punten');
  });

  it('without open items no confirmation is asked', async () => {
    for (const item of items('losser', 4)) {
      expect((await clients.regie.post('/w/losser/stap/4', { intent: 'tick', id: item.id })).status).toBe(302);
    }
    const reply = await clients.regie.post('/w/losser/stap/4/wijzigen', { status: 'afgerond', note: '' });
    expect(reply.status).toBe(302);
    expect(lastAudit('step.update').details).not.toHaveProperty('openItems');
  });

  it('a non-projectleider cannot get round it', async () => {
    for (const user of ['enschede', 'zorg', 'provincie', 'beheer'] as const) {
      await expectRefused(
        () => clients[user].post('/w/enschede/stap/1/wijzigen', { status: 'afgerond', note: '', confirmOpen: 'on' }),
        403
      );
    }
  });
});

describe('default checklists', () => {
  it('every workspace started with the default checklist of each step', () => {
    const db = openTestDb(server.dbPath);
    const slugs = (db.prepare('select slug from workspaces').all() as Array<{ slug: string }>).map((w) => w.slug);
    db.close();
    expect(slugs.length).toBe(9);
    for (const slug of slugs.filter((s) => !['enschede', 'borne', 'losser'].includes(s))) {
      for (const step of [1, 2, 3, 4])
        expect(
          items(slug, step).map((i) => i.text),
          `${slug} ${step}`
        ).toEqual(DEFAULT_CHECKLISTS[step]);
    }
  });

  it('a new workspace gets them; one with its own checklist is left alone at every restart', async () => {
    const db = openDatabase(server.dbPath);
    try {
      await db
        .insertInto('workspaces')
        .values({
          id: crypto.randomUUID(),
          slug: 'nieuwe-gemeente',
          name: 'Gemeente Nieuw',
          kind: 'gemeente',
          cbs_code: null,
          parent_id: null,
          created_at: new Date().toISOString(),
        })
        .execute();
      // Borne's own changes (above) and Enschede's stay as they are.
      const before = {
        borne: [1, 2, 3, 4].map((s) => items('borne', s)),
        enschede: [1, 2, 3, 4].map((s) => items('enschede', s)),
      };
      await seedDefaultChecklists(db);
      await seedDefaultChecklists(db);
      for (const step of [1, 2, 3, 4])
        expect(items('nieuwe-gemeente', step).map((i) => i.text)).toEqual(DEFAULT_CHECKLISTS[step]);
      expect({
        borne: [1, 2, 3, 4].map((s) => items('borne', s)),
        enschede: [1, 2, 3, 4].map((s) => items('enschede', s)),
      }).toEqual(before);

      // A workspace whose projectleider removed every item but one keeps that one item.
      const own = items('nieuwe-gemeente', 1);
      const raw = openTestDb(server.dbPath);
      raw
        .prepare('delete from checklist_items where id != ? and workspace_id = (select id from workspaces where slug = ?)')
        .run(own[0]!.id, 'nieuwe-gemeente');
      raw.close();
      await seedDefaultChecklists(db);
      expect(items('nieuwe-gemeente', 1).map((i) => i.id)).toEqual([own[0]!.id]);
      expect(items('nieuwe-gemeente', 2)).toEqual([]);
    } finally {
      await db.destroy();
    }

    // And a real restart of the server leaves them so too.
    const before = everything().items;
    await server.stop({ keepFiles: true });
    server = await startServer({}, { dbPath: server.dbPath, port: server.port });
    expect(everything().items).toEqual(before);
  }, 120_000);
});
