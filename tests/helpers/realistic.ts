import * as Y from 'yjs';
import { anchorOn } from './anchors.ts';
import { connectEditor, createDocument, synced } from './collab.ts';
import { openTestDb } from './db.ts';
import { loggedIn, type Client } from './http.ts';
import { DEMO, DEMO_PASSWORD, type DemoUser, type TestServer } from './server.ts';

// A workspace as it looks after some months of use, made through the app's own routes and its collaboration
// server (never by writing rows): the demo figures (start the server with THUISPLAN_DEMO_FIGURES=1), the demo
// plan grown to ten pages with comments on its words, two versions, an open review round, knelpunten in the
// region and in Hengelo, a CSV import waiting in preview, a document of Hengelo's own, and step 3: checklists,
// actions, a meeting with a besluitenlijst (the demo woondeal is the seed's).

const PARAGRAPH =
  'De regio Twente wil dat mensen die uitstromen uit beschermd wonen en de maatschappelijke opvang binnen drie maanden ' +
  'een passende woning vinden, met de begeleiding die zij nodig hebben. Daarvoor maken de gemeenten afspraken met de ' +
  'woningcorporaties over een vast aandeel vrijkomende sociale huurwoningen, en met de zorgpartijen over ambulante ' +
  'begeleiding die meegaat naar de nieuwe woning. Statushouders, ouderen en mensen met een beperking vragen om eigen ' +
  'oplossingen: geclusterde woonvormen, aanpasbare woningen en voldoende plekken dicht bij voorzieningen.';

/** About ten A4 pages: 40 paragraphs of ~75 words, under headings every five paragraphs. */
function tenPages(): Y.XmlElement[] {
  const nodes: Y.XmlElement[] = [];
  for (let i = 0; i < 40; i++) {
    if (i % 5 === 0) {
      const heading = new Y.XmlElement('heading');
      heading.setAttribute('level', 3 as unknown as string);
      heading.insert(0, [new Y.XmlText(`Uitwerking ${i / 5 + 1}`)]);
      nodes.push(heading);
    }
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText(`${PARAGRAPH} (${i + 1})`)]);
    nodes.push(paragraph);
  }
  return nodes;
}

export interface RealisticData {
  clients: Record<DemoUser, Client>;
  regionDocument: string;
  hengeloDocument: string;
  roundId: string;
  importPreview: string;
  /** An open invitation's page, as the invitee opens it. */
  invitation: string;
  /** The version compared with the current text. */
  comparison: string;
}

export async function makeRealistic(server: TestServer): Promise<RealisticData> {
  const clients = {} as Record<DemoUser, Client>;
  for (const user of Object.keys(DEMO) as DemoUser[]) clients[user] = await loggedIn(server.url, DEMO[user], DEMO_PASSWORD);
  const db = openTestDb(server.dbPath);
  const one = <T>(query: string, ...args: unknown[]) => db.prepare(query).get(...args) as T;
  try {
    const regionDocument = one<{ id: string }>(
      "select id from documents where title = 'Woonzorgvisie regio Enschede (concept)'"
    ).id;
    const editor = connectEditor(server.url, clients.enschede.cookie, regionDocument);
    await synced(editor, 20_000);
    const fragment = editor.doc.getXmlFragment('default');
    fragment.insert(fragment.length, tenPages());
    await synced(editor, 20_000);
    const anchors = [anchorOn(editor.doc, 'binnen drie maanden'), anchorOn(editor.doc, 'geclusterde woonvormen')];
    editor.close();

    const comments = `/w/regio/documenten/${regionDocument}/opmerkingen`;
    const post = async (user: DemoUser, path: string, form: Record<string, string>, expected = [200, 302]) => {
      const reply = await clients[user].post(path, form);
      if (!expected.includes(reply.status)) throw new Error(`${user} POST ${path}: ${reply.status} ${reply.body.slice(0, 300)}`);
      return reply;
    };
    await post('zorg', comments, {
      intent: 'create',
      body: 'Drie maanden is ambitieus; @Eva Enschede wat is de wachttijd nu?',
      anchorStart: anchors[0].start,
      anchorEnd: anchors[0].end,
    });
    await post('regie', comments, {
      intent: 'create',
      body: 'Graag de aantallen per gemeente erbij.',
      anchorStart: anchors[1].start,
      anchorEnd: anchors[1].end,
    });
    await post('enschede', comments, { intent: 'create', body: 'Algemene opmerking bij het hele stuk.' });
    const threads = db.prepare('select id from comment_threads order by created_at').all() as Array<{ id: string }>;
    await post('enschede', comments, { intent: 'reply', threadId: threads[0].id, body: 'Nu gemiddeld zeven maanden.' });
    await post('enschede', comments, { intent: 'resolve', threadId: threads[2].id });

    await post('regie', `/w/regio/documenten/${regionDocument}/versies`, { name: 'Consultatieversie 1' });
    const version = one<{ id: string }>('select id from document_versions where document_id = ?', regionDocument).id;
    const organisation = one<{ id: string }>("select id from organisations where name = 'Zorgpartner Twente (demo)'").id;
    const deadline = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
    await post('regie', '/w/regio/reviewrondes', {
      title: 'Consultatie zorgpartijen',
      versionId: version,
      deadline,
      organisationIds: organisation,
    });
    const roundId = one<{ id: string }>('select id from review_rounds').id;

    const knelpunt = {
      targetGroupId: 'uitstroom-mo-bw',
      level: 'regionaal',
      status: 'open',
      indicatorIds: 'uitstroom-mo-bw',
    };
    await post('enschede', '/w/regio/knelpunten', {
      ...knelpunt,
      title: 'Te weinig doorstroomplekken',
      description: 'De wachttijd voor een woning na beschermd wonen loopt op.',
    });
    await post('enschede', '/w/regio/knelpunten', {
      ...knelpunt,
      targetGroupId: 'statushouders',
      indicatorIds: '',
      title: 'Huisvesting statushouders achter op de taakstelling',
      description: 'Twee gemeenten lopen meer dan een half jaar achter.',
    });
    await post('hengelo', '/w/hengelo/knelpunten', {
      ...knelpunt,
      targetGroupId: 'dak-en-thuislozen',
      level: 'lokaal',
      indicatorIds: '',
      title: 'Geen plek voor skaeve huse',
      description: 'Er is nog geen locatie gevonden.',
    });

    const hengeloDocument = await createDocument(clients.hengelo, 'hengelo', 'Woonzorgvisie Hengelo', 'woonzorgvisie', '2');

    const csv = ['gemeente;indicator;periode;waarde', 'GM0153;dak-en-thuislozen;2024;212', 'Borne;dak-en-thuislozen;2024;7'].join(
      '\r\n'
    );
    const form = new FormData();
    form.set('file', new Blob([csv]), 'dakloosheid-2024.csv');
    form.set('source', 'Registratie Twente');
    form.set('definition', 'Dak- en thuisloze mensen bij de centrale toegang, peildatum 1 januari.');
    const upload = await fetch(new URL('/w/regio/analyse/import', server.url), {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: clients.enschede.cookie!, origin: server.url },
      body: form,
    });
    const importPreview = upload.headers.get('location');
    if (upload.status !== 302 || !importPreview)
      throw new Error(`CSV upload: ${upload.status} ${(await upload.text()).slice(0, 300)}`);

    // Step 3 and the project lead's view: a checklist ticked and pointed at the plan, an action answering a
    // knelpunt from a heading of the plan (overdue, with a voortgangsbericht), a meeting whose decision became
    // an action, and an action of Hengelo's own.
    const userId = (email: string) => one<{ id: string }>('select id from users where email = ?', email).id;
    const checklistItem = (step: number) =>
      one<{ id: string }>(
        "select id from checklist_items where workspace_id = (select id from workspaces where slug = 'regio') and step = ? order by position",
        step
      ).id;
    await post('regie', '/w/regio/stap/1', { intent: 'tick', id: checklistItem(1) });
    await post('regie', '/w/regio/stap/2', {
      intent: 'heading',
      id: checklistItem(2),
      heading: `${regionDocument}|Uitwerking 1`,
    });
    const doorstroom = one<{ id: string }>("select id from knelpunten where title = 'Te weinig doorstroomplekken'").id;
    const woondeal = one<{ id: string }>("select id from woondeals where name = 'Regionale Woondeal Twente'").id;
    await post('enschede', '/w/regio/acties/nieuw', {
      title: 'Regionale afspraken uitstroom BW naar corporatiewoningen',
      description: 'Een vast aandeel vrijkomende sociale huurwoningen voor uitstroom uit beschermd wonen.',
      level: 'regionaal',
      ownerUserId: userId(DEMO.enschede),
      knelpuntIds: doorstroom,
      heading: `${regionDocument}|Uitwerking 1`,
      dueDate: new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10),
      priority: 'hoog',
      woondealId: woondeal,
    });
    const action = one<{ id: string }>('select id from actions').id;
    await post('enschede', `/w/regio/acties/${action}`, {
      intent: 'voortgang',
      body: 'Eerste gesprek met de corporaties gevoerd.',
      progress: '20',
      status: 'besloten',
    });
    await post('regie', '/w/regio/overleggen/nieuw', {
      kind: 'ambtelijk_overleg',
      title: 'Ambtelijk overleg wonen en zorg',
      date: new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10),
      startTime: '09:30',
      endTime: '11:00',
      location: 'Stadhuis Enschede',
      agendaDocumentId: regionDocument,
      participantIds: userId(DEMO.regie),
      minutes: 'De regio bespreekt de uitstroom uit beschermd wonen.',
    });
    const meeting = one<{ id: string }>('select id from meetings').id;
    await post('regie', `/w/regio/overleggen/${meeting}`, {
      intent: 'decision',
      text: 'De regio stelt een werkgroep uitstroom in met corporaties en zorgpartijen.',
      ownerId: userId(DEMO.enschede),
      dueDate: deadline,
    });
    const decision = one<{ id: string }>('select id from meeting_decisions').id;
    await post('regie', `/w/regio/overleggen/${meeting}`, { intent: 'action', decisionId: decision });
    await post('hengelo', '/w/hengelo/acties/nieuw', {
      title: 'Locatie voor skaeve huse zoeken',
      level: 'lokaal',
      ownerUserId: userId(DEMO.hengelo),
      dueDate: deadline,
      priority: 'normaal',
    });
    if (Number(one<{ n: number }>('select count(*) as n from actions').n) !== 3)
      throw new Error('Realistic data: not three actions');

    const invite = await post('regie', '/w/regio/leden', {
      intent: 'invite',
      email: 'nieuwe.collega@borne.nl',
      role: 'redacteur',
    });
    const invitation = new URL(invite.body.match(/http:\/\/[^<"]+\/uitnodiging\/[a-z2-7]+/)![0]).pathname;
    const comparison = `/w/regio/documenten/${regionDocument}/vergelijk?van=${version}&naar=huidig`;

    return { clients, regionDocument, hengeloDocument, roundId, importPreview, invitation, comparison };
  } finally {
    db.close();
  }
}
