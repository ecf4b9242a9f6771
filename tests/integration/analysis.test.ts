import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INDICATORS } from '../../app/features/analysis/catalogue.ts';
import { startCbsFixtureServer, type CbsFixtureServer } from '../fixtures/cbs/server.ts';
import { analysisPages, STATUSHOUDERS } from '../helpers/analysis.ts';
import { Client, loggedIn } from '../helpers/http.ts';
import { DEMO, DEMO_PASSWORD, startServer, type DemoUser, type TestServer } from '../helpers/server.ts';

// Step 1 in the region: CBS figures from recorded responses served over HTTP, partners' CSV files,
// the monitor with small-number protection, two sources side by side, and who may import.
const USERS = Object.keys(DEMO) as DemoUser[];
let cbs: CbsFixtureServer;
let server: TestServer;
const clients = {} as Record<DemoUser, Client>;

const { sql, count, state, post, confirm, startCbs, importCbs, upload, gemeente, figure } = analysisPages(() => server, clients);

/** The monitor table's cells per row heading, as 'kind:shown' ('rounded:125', 'small:< 10'). */
const cellsOf = (html: string) => {
  const table = html.match(/<table[^>]*data-testid="monitor-table"[^>]*>([\s\S]*?)<\/table>/)![1]!;
  return Object.fromEntries(
    [...table.matchAll(/<tr[^>]*>\s*<th scope="row"[^>]*>([^<]+)(?:<span[^>]*>[^<]*<\/span>)?<\/th>([\s\S]*?)<\/tr>/g)].map(
      (m) => [
        m[1]!.trim(),
        // The region table marks its cells, a gemeente's own table its values.
        [...m[2]!.matchAll(/(?:<td class="cell--(\w+)"|<span class="cell cell--(\w+)")[^>]*>([^<]*)/g)].map(
          (c) => `${c[1] ?? c[2]}:${c[3]!.replace('&lt;', '<')}`
        ),
      ]
    )
  );
};

beforeAll(async () => {
  cbs = await startCbsFixtureServer();
  server = await startServer({ CBS_ODATA_V3_URL: cbs.v3BaseUrl, CBS_ODATA_V4_URL: cbs.v4BaseUrl });
  for (const user of USERS) clients[user] = await loggedIn(server.url, DEMO[user], DEMO_PASSWORD);
});
afterAll(async () => {
  await server?.stop();
  await cbs?.close();
});

describe('who may import', () => {
  it('redacteur and projectleider import; commentator, lezer and beheerder read; a stranger sees nothing', async () => {
    for (const user of ['enschede', 'regie'] as const)
      expect((await clients[user].get('/w/regio/analyse/import')).status, user).toBe(200);
    for (const user of ['zorg', 'provincie', 'beheer'] as const) {
      expect((await clients[user].get('/w/regio/analyse')).status, user).toBe(200);
      expect((await clients[user].get('/w/regio/analyse/import')).status, user).toBe(403);
      expect((await upload(user, 'gemeente;indicator;periode;waarde\nGM0153;bevolking;2023;1')).status, user).toBe(403);
      expect((await clients[user].get('/w/regio/analyse/import/cbs?tabel=70072ned')).status, user).toBe(403);
      expect((await startCbs('70072ned', { bevolking: { topic: 'TotaleBevolking_1' } }, {}, user)).status, user).toBe(403);
    }
    for (const path of ['/w/regio/analyse', '/w/regio/analyse/import', '/w/regio/knelpunten', '/w/regio/analyse/monitor.csv']) {
      expect((await clients.hengelo.get(path)).status, path).toBe(404);
    }
    expect(state()).toEqual([0, 0, 0]);
  });
});

describe('CBS figures for the monitor', () => {
  it('imports 70072ned (population and age groups) through the pages', async () => {
    const { preview } = await importCbs('70072ned', {
      bevolking: { topic: 'TotaleBevolking_1' },
      'ouderen-65-80': { topic: 'k_65Tot80Jaar_11' },
      'ouderen-80-plus': { topic: 'k_80JaarOfOuder_12' },
    });
    await confirm('enschede', preview!);
    expect(count('observations')).toBe(47); // 8 gemeenten × 2 years × 3, less one cell CBS leaves empty
    expect(figure('bevolking', 'enschede', '2022', 'CBS 70072ned')).toBe(159732);
  });
});

describe('CSV import', () => {
  const rows = (separator: string, decimal: string) =>
    [
      ['gemeente', 'indicator', 'periode', 'waarde'],
      ['GM0153', 'dak-en-thuislozen', '2023', `41${decimal}0`],
      ['Hengelo', 'Dak- en thuisloze personen', '2023', '95'],
      ['Borne', 'dak-en-thuislozen', '2023', '12'],
    ]
      .map((r) => r.join(separator))
      .join('\r\n');

  it('reads Dutch Excel (";", decimal comma, BOM) and ","-separated files; a re-import replaces and records the difference', async () => {
    const semicolon = await upload('enschede', `\uFEFF${rows(';', ',')}`);
    expect(semicolon.status, semicolon.body.slice(0, 300)).toBe(302);
    await confirm('enschede', semicolon.location!);
    expect(figure('dak-en-thuislozen', 'enschede', '2023', 'Provinciale monitor')).toBe(41);
    expect(figure('dak-en-thuislozen', 'hengelo', '2023', 'Provinciale monitor')).toBe(95);

    const comma = await upload('enschede', rows(',', '.').replace('95', '97').split('\r\n').slice(0, 3).join('\n'));
    expect(comma.status).toBe(302);
    const preview = await clients.enschede.get(comma.location!);
    expect(preview.body).toMatch(/<strong>1<\/strong> gewijzigd/);
    expect(preview.body).toMatch(/<strong>1<\/strong> vervallen/); // Borne is not in the new file
    await confirm('enschede', comma.location!);
    expect(figure('dak-en-thuislozen', 'hengelo', '2023', 'Provinciale monitor')).toBe(97);
    expect(figure('dak-en-thuislozen', 'borne', '2023', 'Provinciale monitor')).toBeUndefined();
    const recorded = sql<{ summary: string }>(
      'select summary from data_imports where id = ?',
      comma.location!.split('/').pop()
    )[0]!;
    expect(JSON.parse(recorded.summary)).toMatchObject({ changed: 1, removed: 1, unchanged: 1 });
  });

  it('a preview never tells whether a guess equals a figure the importer may not see exactly; previews and discards are audited', async () => {
    // Hengelo's own registration: 8 (small: the region sees "< 10").
    const own = await upload(
      'hengelo',
      'gemeente;indicator;periode;waarde\nHengelo;dak-en-thuislozen;2021;8',
      'Eigen registratie',
      'hengelo'
    );
    expect(own.status, own.body.slice(0, 300)).toBe(302);
    await confirm('hengelo', own.location!);
    // The region's redacteur guesses under the same source name: right (8) and wrong (9).
    const previewOf = async (guess: number) => {
      const reply = await upload(
        'enschede',
        `gemeente;indicator;periode;waarde\nHengelo;dak-en-thuislozen;2021;${guess}`,
        'Eigen registratie'
      );
      expect(reply.status).toBe(302);
      const page = (await clients.enschede.get(reply.location!)).body;
      const summary = JSON.parse(
        sql<{ summary: string }>('select summary from data_imports where id = ?', reply.location!.split('/').pop())[0]!.summary
      ) as Record<string, unknown>;
      expect((await post('enschede', reply.location!, { intent: 'discard' })).status).toBe(302);
      return { list: page.match(/<ul class="import-summary"[\s\S]*?<\/ul>/)?.[0], summary: { ...summary, examples: undefined } };
    };
    const right = await previewOf(8);
    const wrong = await previewOf(9);
    expect(right.summary).toEqual(wrong.summary);
    expect(right.list).toEqual(wrong.list);
    // The region's import is the region's own: it neither compares with nor replaces Hengelo's figure.
    expect(right.summary).toMatchObject({ added: 1, changed: 0, unchanged: 0 });
    expect(figure('dak-en-thuislozen', 'hengelo', '2021', 'Eigen registratie')).toBe(8);
    const regionId = sql<{ id: string }>("select id from workspaces where slug = 'regio'")[0]!.id;
    const audited = sql<{ action: string }>(
      "select action from audit_log where workspace_id = ? and action in ('import.preview', 'import.discard') order by id",
      regionId
    ).map((r) => r.action);
    expect(audited.slice(-4)).toEqual(['import.preview', 'import.discard', 'import.preview', 'import.discard']);
  });

  it('reads a Windows-1252 file from Dutch Excel with sep=;, CBS spellings and cells without a figure; the preview counts those', async () => {
    // Bytes as Excel writes them: 0x80 is '€' and 0xEB 'ë' in Windows-1252; neither is valid UTF-8.
    const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));
    const bytes = new Uint8Array([
      ...ascii('sep=;\r\ngemeente;indicator;periode;Waarde ('),
      0x80,
      ...ascii(');Opmerking;;\r\nHengelo (O.);dak-en-thuislozen;2022;95;Gecontroleerd door '),
      0xeb,
      ...ascii('n medewerker;;\r\nHof v. Twente;dak-en-thuislozen;2022;1.234,0;;\r\nEnschede;dak-en-thuislozen;2022;.;;\r\n'),
      ...ascii('Borne;dak-en-thuislozen;2022;-;;\r\n;;;;;\r\n;;;;;\r\n'),
    ]);
    const before = state();
    const reply = await upload('enschede', bytes, 'Registratie Twente', 'regio', 'cijfers-excel.csv');
    expect(reply.status, reply.body.slice(0, 500)).toBe(302);
    const id = reply.location!.split('/').pop();
    const stored = sql<{ payload: string; summary: string }>('select payload, summary from data_imports where id = ?', id)[0]!;
    expect((JSON.parse(stored.payload) as { rows: unknown[] }).rows).toEqual([
      { workspaceId: gemeente('hengelo'), indicatorId: 'dak-en-thuislozen', period: '2022', value: 95 },
      { workspaceId: gemeente('hof-van-twente'), indicatorId: 'dak-en-thuislozen', period: '2022', value: 1234 },
    ]);
    expect(JSON.parse(stored.summary)).toMatchObject({ rows: 2, added: 2, skipped: 2 });
    const preview = await clients.enschede.get(reply.location!);
    expect(preview.body).toMatch(/<strong>2<\/strong> cijfers in het bestand/);
    expect(preview.body).toContain('<strong>2</strong> cellen zonder gegeven overgeslagen (leeg, ‘.’, ‘-’ of ‘x’)');
    expect((await post('enschede', reply.location!, { intent: 'discard' })).status).toBe(302);
    expect(state()).toEqual([before[0], before[1]! + 1, before[2]]); // a discarded preview, no figures
  });

  it('refuses a number with a point in a ";" file, naming the row and how to fix it, changing nothing', async () => {
    const before = state();
    const reply = await upload(
      'enschede',
      'gemeente;indicator;periode;waarde\r\n"Enschede";"dak-en-thuislozen\r\n";2022;41\r\nBorne;dak-en-thuislozen;2022;2.500\r\n'
    );
    expect(reply.status).toBe(400);
    // Row 3 as Excel shows it, though the line with 2.500 is line 4 of the file.
    expect(reply.body).toContain(
      'Rij 3: waarde ‘2.500’ is dubbelzinnig: 2500 of 2,500? Dit bestand gebruikt een komma als decimaalteken; gebruik een komma als decimaalteken of laat de punt weg.'
    );
    expect(reply.body).toContain('Er is niets veranderd.');
    expect(state()).toEqual(before);
  });

  const bad: Array<[string, string | Uint8Array, RegExp]> = [
    [
      'an unknown gemeente',
      'gemeente;indicator;periode;waarde\nGM0153;bevolking;2023;5\nAtlantis;bevolking;2023;5',
      /Rij 3: gemeente ‘Atlantis’ is onbekend/,
    ],
    [
      'a non-numeric value',
      'gemeente;indicator;periode;waarde\nGM0153;bevolking;2023;veel',
      /Rij 2: waarde ‘veel’ is geen getal/,
    ],
    [
      'a duplicate row',
      'gemeente;indicator;periode;waarde\nGM0153;bevolking;2023;5\nEnschede;bevolking;2023;6',
      /Rij 3: dubbel; dezelfde gemeente, indicator en periode staan ook in rij 2/,
    ],
    ['a missing column', 'gemeente;indicator;jaar\nGM0153;bevolking;2023', /De kolom ‘waarde’ ontbreekt/],
    ['an empty file', '', /Kies een CSV-bestand/],
    ['only a header', 'gemeente;indicator;periode;waarde\n', /alleen een kopregel/],
    ['binary garbage', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0xff, 0xfe, 0x00, 0x12]), /Dit is geen tekstbestand/],
    [
      'an unknown indicator and a bad year in one row',
      'gemeente;indicator;periode;waarde\nGM0153;geluk;20x3;5',
      /Rij 2: indicator ‘geluk’ is onbekend; periode ‘20x3’ is geen jaartal/,
    ],
  ];
  for (const [what, content, message] of bad) {
    it(`refuses ${what} with a Dutch message, changing nothing`, async () => {
      const before = state();
      const reply = await upload('enschede', content);
      expect(reply.status).toBeGreaterThanOrEqual(400);
      expect(reply.body).toMatch(message);
      expect(reply.body).toMatch(/niets veranderd|Kies een CSV-bestand/);
      expect(state()).toEqual(before);
    });
  }

  it('refuses a source name that passes for CBS through an invisible character', async () => {
    const before = state();
    const reply = await upload('enschede', 'gemeente;indicator;periode;waarde\nGM0153;bevolking;2023;1', '\u200BCBS 70072ned');
    expect(reply.status).toBe(400);
    expect(reply.body).toContain('Bronnen die met ‘CBS’ beginnen komen uit de CBS-import.');
    expect(state()).toEqual(before);
  });

  it('refuses a 20 MB file before reading it whole', async () => {
    const before = state();
    const line = 'GM0153;bevolking;2023;123456\n';
    const reply = await upload(
      'enschede',
      `gemeente;indicator;periode;waarde\n${line.repeat(Math.ceil((20 * 1024 * 1024) / line.length))}`
    );
    expect(reply.status).toBe(413);
    expect(reply.body).toContain('Het bestand is groter dan 10 MB');
    expect(state()).toEqual(before);
  });

  it('applying or discarding another workspace’s import is 404 and changes nothing', async () => {
    const own = await upload(
      'hengelo',
      'gemeente;indicator;periode;waarde\nHengelo;dak-en-thuislozen;2020;12',
      'Eigen lijst',
      'hengelo'
    );
    expect(own.status, own.body.slice(0, 300)).toBe(302);
    const id = own.location!.split('/').pop()!;
    const before = state();
    for (const intent of ['apply', 'discard']) {
      // Enschede's redacteur may import in the region, but this import is Hengelo's.
      expect((await post('enschede', `/w/regio/analyse/import/${id}`, { intent })).status, intent).toBe(404);
    }
    expect(state()).toEqual(before);
    expect(sql<{ status: string }>('select status from data_imports where id = ?', id)[0]!.status).toBe('voorbeeld');
    expect((await post('hengelo', own.location!, { intent: 'discard' })).status).toBe(302);
  });

  it('a gemeente imports only its own figures', async () => {
    const reply = await upload(
      'hengelo',
      'gemeente;indicator;periode;waarde\nGM0164;dak-en-thuislozen;2023;80\nGM0153;dak-en-thuislozen;2023;1',
      'Registratie Hengelo',
      'hengelo'
    );
    expect(reply.status).toBe(400);
    expect(reply.body).toContain('Rij 3: gemeente Enschede valt buiten deze werkruimte');
  });
});

describe('the monitor', () => {
  // A partner's registration with one small number (Hengelo: 7) among larger ones.
  const small = [
    'gemeente;indicator;periode;waarde',
    'GM0153;uitstroom-mo-bw;2023;123',
    'GM0164;uitstroom-mo-bw;2023;7',
    'GM0147;uitstroom-mo-bw;2023;12',
    'GM0158;uitstroom-mo-bw;2023;23',
    'GM0168;uitstroom-mo-bw;2023;31',
    'GM0173;uitstroom-mo-bw;2023;44',
    'GM1735;uitstroom-mo-bw;2023;18',
    'GM1774;uitstroom-mo-bw;2023;16',
  ].join('\n');

  it('protects small numbers for everyone but the gemeente’s own members, and the total gives nothing away', async () => {
    const reply = await upload('enschede', small, 'Registratie MO/BW');
    await confirm('enschede', reply.location!);
    const path = '/w/regio/analyse?groep=uitstroom-mo-bw&periode=2023';

    // Each row: inhabitants, then the indicator of the group.
    const zeynep = cellsOf((await clients.zorg.get(path)).body); // commentator
    expect(zeynep['Hengelo (O)']![1]).toBe('small:< 10');
    expect(zeynep['Enschede']![1]).toBe('rounded:125');
    expect(zeynep['Borne']![1]).toBe('suppressed:afgeschermd'); // the second-smallest goes too
    expect(zeynep['Regio totaal']![1]).toBe('rounded:275'); // 274, rounded
    // Nothing left to subtract: the hidden cell cannot be recomputed from the total.
    const shown = Object.entries(zeynep)
      .filter(([name]) => name !== 'Regio totaal')
      .map(([, cells]) => cells[1]!)
      .filter((c) => c.startsWith('rounded') || c.startsWith('exact'))
      .reduce((sum, c) => sum + Number(c.split(':')[1]!.replace('.', '')), 0);
    expect(275 - shown).not.toBe(7);

    const eva = cellsOf((await clients.enschede.get(path)).body); // member of Enschede, not of Hengelo
    expect(eva['Enschede']![1]).toBe('exact:123');
    expect(eva['Hengelo (O)']![1]).toBe('small:< 10');

    const hans = await clients.hengelo.get('/w/hengelo/analyse?groep=uitstroom-mo-bw&periode=2023');
    expect(hans.status).toBe(200);
    expect(cellsOf(hans.body)['Uitstroom uit MO/BW']).toEqual(['exact:7', 'rounded:275']);
  });

  it('rates and previews give no hidden figure away', async () => {
    // Only Hengelo has a figure, and it is small: the total must go too, and no rate may betray it.
    const reply = await upload(
      'enschede',
      'gemeente;indicator;periode;waarde\nGM0164;statushouders;2023;4',
      'Registratie statushouders'
    );
    await confirm('enschede', reply.location!);
    // A correction shows what changes, as Eva (no member of Hengelo) may see it.
    const correction = await upload(
      'enschede',
      'gemeente;indicator;periode;waarde\nGM0164;statushouders;2023;6',
      'Registratie statushouders'
    );
    const preview = await clients.enschede.get(correction.location!);
    expect(preview.body).toMatch(
      // The figure it replaces stays hidden; the new one is Eva's own, exact for her to check.
      /Hengelo \(O\)<\/th><td[^>]*>Statushouders<\/td><td[^>]*>2023<\/td><td[^>]*>&lt; 10<\/td><td[^>]*>6<\/td>/
    );
    expect((await post('enschede', correction.location!, { intent: 'discard' })).status).toBe(302);
    const page = await clients.zorg.get('/w/regio/analyse?groep=statushouders&periode=2023');
    const cells = cellsOf(page.body);
    expect(cells['Hengelo (O)']![1]).toBe('small:< 10');
    expect(cells['Regio totaal']![1]).toBe('suppressed:afgeschermd');
    // 4 of 81.840 inhabitants would be 0,0489 per 1.000: nothing near it is on the page or in its data.
    expect(page.body).not.toMatch(/0[.,]04[89]/);
    expect(page.body).not.toMatch(/"value":4[,}]/);
    const own = await clients.hengelo.get('/w/hengelo/analyse?groep=statushouders&periode=2023');
    expect(cellsOf(own.body)['Statushouders']![0]).toBe('exact:4');
  });

  it('every export is protected, also for the gemeente’s own members', async () => {
    const csv = await clients.hengelo.get('/w/hengelo/analyse/monitor.csv?groep=uitstroom-mo-bw');
    expect(csv.status).toBe(200);
    expect(csv.body).toContain('Hengelo (O);Uitstroom uit MO/BW;2023;< 10;');
    expect(csv.body).not.toMatch(/Hengelo \(O\);Uitstroom uit MO\/BW;2023;7;/);
    const xlsx = await fetch(new URL('/w/regio/analyse/monitor.xlsx?groep=uitstroom-mo-bw', server.url), {
      headers: { cookie: clients.enschede.cookie! },
    });
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    const values = workbook
      .getWorksheet('Monitor')!
      .getSheetValues()
      .map((row) => (Array.isArray(row) ? row.slice(1, 5) : []));
    expect(values).toContainEqual(['Hengelo (O)', 'Uitstroom uit MO/BW', '2023', '< 10']);
    expect(values).toContainEqual(['Enschede', 'Uitstroom uit MO/BW', '2023', 125]); // rounded, though Eva is a member
  });

  it('shows per 1,000 inhabitants and an index against the region, and charts with their tables and source', async () => {
    const page = await clients.zorg.get('/w/regio/analyse?groep=ouderen&periode=2023');
    expect(page.body).toContain('Inwoners van 80 jaar of ouder');
    expect(page.body).toMatch(
      /Bron: (<!-- -->)?CBS 70072ned: Bevolking › Leeftijdsgroepen › 80 jaar of ouder, periode 2023, opgehaald \d\d-\d\d-\d{4}/
    );
    expect(page.body).toContain('<svg class="chart chart--trend"'); // drawn on the server, beside its table
    // Enschede, 2023: 7.750 (7.749 rounded) of 161.010 inhabitants aged 80 or older = 48,1 per 1.000.
    // Columns: inhabitants; 65-80 (number, per 1.000, index); 80+ (number, per 1.000, index).
    const enschede = page.body.match(
      /<th scope="row"[^>]*>Enschede(?:<span[^>]*>[^<]*<\/span>)?<\/th>((?:<td[^>]*>(?:(?!<\/td>)[\s\S])*<\/td>)+)/
    )![1]!;
    const cells = [...enschede.matchAll(/<td[^>]*>((?:(?!<\/td>)[\s\S])*)<\/td>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, ''));
    expect(cells[4]).toMatch(/^7\.750/);
    expect(cells[5]).toBe('48,1');
    expect(Number(cells[6])).toBeGreaterThan(80); // index against the region
    expect(page.body).toContain('Gemeenten vergeleken, 2023, per 1.000 inwoners');
  });

  it('two sources for one indicator side by side, with their difference and definitions', async () => {
    // CBS's statushouders beside the region's own registration (Hengelo: 4, from the test above).
    const { preview } = await importCbs(
      '85980NED',
      { statushouders: { topic: 'TotaalPersonen_1', categories: STATUSHOUDERS } },
      { moment: 'MM01', from: '2023', to: '2023' }
    );
    await confirm('enschede', preview!);
    const page = await clients.provincie.get('/w/regio/analyse/bronnen?indicator=statushouders&periode=2023');
    expect(page.status).toBe(200);
    expect(page.body).toContain('CBS 85980NED');
    expect(page.body).toContain('Registratie statushouders');
    expect(page.body).toContain('Totaal personen (Statushouder: totaal, Totaal)'); // what the CBS figures are
    const cbsHengelo = figure('statushouders', 'hengelo', '2023', 'CBS 85980NED')!;
    // A lezer sees CBS's figure (a multiple of 5 already) and the registration's 4 as "< 10": no difference.
    expect(page.body).toMatch(
      new RegExp(`Hengelo \\(O\\)</th><td[^>]*>${cbsHengelo.toLocaleString('nl-NL')}</td><td[^>]*>&lt; 10</td><td[^>]*>–</td>`)
    );
  });
});

describe('which source the monitor shows', () => {
  const uitstroom = '/w/regio/analyse?groep=uitstroom-mo-bw&periode=2023';
  const choose = (user: DemoUser, slug: string, indicator: string, bron: string) =>
    post(user, `/w/${slug}/analyse/bronnen`, { indicator, bron });

  it('a gemeente’s own import under a name that sorts first changes nothing the region shows', async () => {
    const regionBefore = cellsOf((await clients.zorg.get(uitstroom)).body);
    const ownBefore = cellsOf((await clients.hengelo.get('/w/hengelo/analyse?groep=uitstroom-mo-bw&periode=2023')).body);
    const reply = await upload(
      'hengelo',
      'gemeente;indicator;periode;waarde\nGM0164;bevolking;2023;99999\nGM0164;uitstroom-mo-bw;2023;500\nGM0164;taakstelling-statushouders;2023;12',
      'AAA eigen telling',
      'hengelo'
    );
    await confirm('hengelo', reply.location!);
    expect(cellsOf((await clients.zorg.get(uitstroom)).body)).toEqual(regionBefore);
    expect(cellsOf((await clients.hengelo.get('/w/hengelo/analyse?groep=uitstroom-mo-bw&periode=2023')).body)).toEqual(ownBefore);
    // Where nobody else has figures, each gemeente's own figures fill its own column.
    const taakstelling = await clients.regie.get('/w/regio/analyse?groep=statushouders&periode=2023');
    expect(taakstelling.body).toContain('Eigen cijfers per gemeente (AAA eigen telling)');
  });

  it('the region chooses a source deliberately, on record; gemeenten and commentators may not; a bad choice changes nothing', async () => {
    const before = count('indicator_sources');
    expect((await choose('hengelo', 'hengelo', 'uitstroom-mo-bw', 'AAA eigen telling')).status).toBe(403);
    expect((await choose('zorg', 'regio', 'uitstroom-mo-bw', 'AAA eigen telling')).status).toBe(403);
    const bad = await choose('enschede', 'regio', 'uitstroom-mo-bw', 'Bestaat niet');
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('‘Bestaat niet’ heeft geen cijfers voor Uitstroom uit MO/BW');
    expect(count('indicator_sources')).toBe(before);

    expect((await choose('enschede', 'regio', 'uitstroom-mo-bw', 'AAA eigen telling')).status).toBe(302);
    const chosen = cellsOf((await clients.regie.get(uitstroom)).body);
    expect(chosen['Hengelo (O)']![1]).toBe('rounded:500');
    expect(chosen['Enschede']![1]).toBe('missing:–');
    const page = await clients.provincie.get('/w/regio/analyse/bronnen?indicator=uitstroom-mo-bw');
    expect(page.body).toMatch(/Nu: <strong>AAA eigen telling<\/strong> (<!-- -->)?\(gekozen door de regio, door Eva Enschede op/);
    expect(page.body).not.toContain('Bron vastleggen'); // a lezer sees the choice, and cannot make one
    const [audit] = sql<{ workspace_id: string; details: string }>(
      "select workspace_id, details from audit_log where action = 'indicator.source' order by id desc limit 1"
    );
    expect(audit!.workspace_id).toBe(sql<{ id: string }>("select id from workspaces where slug = 'regio'")[0]!.id);
    expect(JSON.parse(audit!.details)).toEqual({ from: null, to: 'AAA eigen telling' });

    // Back to the default order: the region's own registration again.
    expect((await choose('enschede', 'regio', 'uitstroom-mo-bw', '')).status).toBe(302);
    expect(cellsOf((await clients.regie.get(uitstroom)).body)['Hengelo (O)']![1]).toBe('small:< 10');
    expect(count('indicator_sources')).toBe(before);
  });
});

describe('charts a few indicators at a time', () => {
  it('shows the charts of at most 8 indicators per page, with links to the others, and every figure in the table', async () => {
    const more = await upload(
      'enschede',
      'gemeente;indicator;periode;waarde\nGM0153;huishoudens;2023;76000\nGM0153;eenpersoonshuishoudens;2023;31000\nGM0153;wmo-clienten;2023;9000',
      'Eigen telling regio'
    );
    await confirm('enschede', more.location!);
    const first = await clients.provincie.get('/w/regio/analyse?periode=2023');
    const charted = (html: string) => [...html.matchAll(/<h2 id="grafiek-([^"]+)"/g)].map((m) => m[1]!);
    const withData = sql<{ id: string }>('select distinct indicator_id as id from observations');
    expect(withData.length).toBeGreaterThan(8);
    expect(charted(first.body).length).toBe(8);
    expect(first.body).toMatch(/Grafieken van indicator 1–8 van \d+\./);
    const next = first.body.match(/href="([^"]*\?periode=2023&amp;grafieken=2)"/);
    expect(next).not.toBe(null);
    const second = await clients.provincie.get(next![1]!.replaceAll('&amp;', '&'));
    expect(charted(second.body).length).toBeGreaterThan(0);
    expect(charted(second.body).some((id) => charted(first.body).includes(id))).toBe(false);
    // The table holds every indicator with figures on every page.
    const headers = (html: string) => (html.match(/<th scope="colgroup"/g) ?? []).length;
    expect(headers(second.body)).toBe(headers(first.body));
  });
});

describe('knelpunten', () => {
  it('a redacteur records one with linked figures; the region lists them by group and level; bad input changes nothing', async () => {
    const form = {
      title: 'Te weinig doorstroomplekken',
      targetGroupId: 'uitstroom-mo-bw',
      level: 'regionaal',
      status: 'open',
      description: 'Wachttijd loopt op.',
      indicatorIds: 'uitstroom-mo-bw',
    };
    expect((await post('zorg', '/w/regio/knelpunten', form)).status).toBe(403);
    const empty = await post('enschede', '/w/regio/knelpunten', { ...form, title: '', level: 'ergens' });
    expect(empty.status).toBe(400);
    expect(empty.body).toContain('Geef het knelpunt een korte titel.');
    expect(empty.body).toContain('Kies lokaal of regionaal.');
    expect(count('knelpunten')).toBe(0);
    expect((await post('enschede', '/w/regio/knelpunten', form)).status).toBe(302);
    expect(
      (
        await post('hengelo', '/w/hengelo/knelpunten', {
          ...form,
          title: 'Geen skaeve huse',
          level: 'lokaal',
          targetGroupId: 'dak-en-thuislozen',
          indicatorIds: '',
        })
      ).status
    ).toBe(302);
    const region = await clients.provincie.get('/w/regio/knelpunten');
    expect(region.body).toMatch(/Uitstroom uit MO\/BW[\s\S]*Regionaal[\s\S]*Te weinig doorstroomplekken/);
    expect(region.body).toMatch(/Dak- en thuisloze mensen[\s\S]*Lokaal[\s\S]*Geen skaeve huse[\s\S]*Hengelo/);
    expect(region.body).toContain('href="/w/regio/analyse/bronnen?indicator=uitstroom-mo-bw"');
    // The region may list Hengelo's knelpunt, not change it.
    const hengelos = sql<{ id: string }>("select id from knelpunten where title = 'Geen skaeve huse'")[0]!.id;
    expect((await post('enschede', '/w/regio/knelpunten', { ...form, id: hengelos, title: 'Overgenomen' })).status).toBe(404);
    expect((await post('enschede', '/w/regio/knelpunten', { intent: 'status', id: hengelos, status: 'opgelost' })).status).toBe(
      404
    );
    expect(sql<{ title: string; status: string }>('select title, status from knelpunten where id = ?', hengelos)[0]).toEqual({
      title: 'Geen skaeve huse',
      status: 'open',
    });
  });
});

describe('indicators and aandachtsgroepen', () => {
  it('a redacteur adds an indicator for a partner\u2019s figures and sets its threshold; others may not; bad input changes nothing', async () => {
    const form = {
      name: 'Wachtenden op een sociale huurwoning',
      unit: 'aantal',
      definition: 'Ingeschreven woningzoekenden.',
      source: 'Woningcorporaties',
      isCount: 'on',
      threshold: '5',
    };
    expect((await post('zorg', '/w/regio/analyse/indicatoren', form)).status).toBe(403);
    const bad = await post('enschede', '/w/regio/analyse/indicatoren', { ...form, name: 'x', threshold: 'veel' });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('Een naam heeft minstens 3 tekens.');
    expect(bad.body).toContain('De drempel is een heel getal.');
    expect(count('indicators')).toBe(INDICATORS.length);
    expect((await post('enschede', '/w/regio/analyse/indicatoren', form)).status).toBe(302);
    expect((await post('enschede', '/w/regio/analyse/indicatoren', form)).body).toContain(
      'Er is al een indicator met de code ‘wachtenden-op-een-sociale-huurwoning’'
    );
    const upload1 = await upload(
      'enschede',
      'gemeente;indicator;periode;waarde\nLosser;Wachtenden op een sociale huurwoning;2024;7',
      'Woningcorporaties'
    );
    expect(upload1.status).toBe(302);
    await confirm('enschede', upload1.location!);
    // Threshold 5: 7 is shown (rounded) to a commentator.
    const page = await clients.zorg.get('/w/regio/analyse?periode=2024');
    expect(page.body).toMatch(
      /Losser<span class="visually-hidden">, aantallen afgerond op 5<\/span><\/th>[\s\S]*?cell--rounded"[^>]*>5</
    );
    expect(
      (
        await post('zorg', '/w/regio/analyse/indicatoren', {
          intent: 'threshold',
          id: 'wachtenden-op-een-sociale-huurwoning',
          threshold: '10',
        })
      ).status
    ).toBe(403);
    expect(
      (
        await post('enschede', '/w/regio/analyse/indicatoren', {
          intent: 'threshold',
          id: 'wachtenden-op-een-sociale-huurwoning',
          threshold: '0',
        })
      ).body
    ).toContain('De drempel ligt tussen 1 en 100.');
    expect(
      (
        await post('enschede', '/w/regio/analyse/indicatoren', {
          intent: 'threshold',
          id: 'wachtenden-op-een-sociale-huurwoning',
          threshold: '10',
        })
      ).status
    ).toBe(302);
    expect((await clients.zorg.get('/w/regio/analyse?periode=2024')).body).toMatch(
      /Losser<span[^>]*>[^<]*<\/span><\/th>[\s\S]*?cell--small"[^>]*>&lt; 10</
    );
  });

  it('indicator definitions and thresholds are regional: a gemeente redacteur is refused and changes nothing; the region\u2019s change is in the region\u2019s logboek', async () => {
    const thresholdOf = (id: string) => sql<{ t: number }>('select small_threshold as t from indicators where id = ?', id)[0]!.t;
    const id = sql<{ id: string }>('select id from indicators where is_count = 1 order by id limit 1')[0]!.id;
    const before = thresholdOf(id);
    const indicators = count('indicators');
    // Hengelo's redacteur, on Hengelo's own pages: the setting would apply to the whole region.
    expect((await post('hengelo', '/w/hengelo/analyse/indicatoren', { intent: 'threshold', id, threshold: '1' })).status).toBe(
      403
    );
    expect(
      (
        await post('hengelo', '/w/hengelo/analyse/indicatoren', {
          name: 'Eigen telling Hengelo',
          unit: 'aantal',
          definition: '',
          source: '',
          threshold: '5',
        })
      ).status
    ).toBe(403);
    expect(thresholdOf(id)).toBe(before);
    expect(count('indicators')).toBe(indicators);
    const hengeloPage = await clients.hengelo.get('/w/hengelo/analyse/indicatoren');
    expect(hengeloPage.body).toContain('stelt de regio vast');
    expect(hengeloPage.body).not.toContain('name="threshold"');

    // The region's redacteur may; the audit row belongs to the region and its logboek shows it.
    expect(
      (await post('enschede', '/w/regio/analyse/indicatoren', { intent: 'threshold', id, threshold: String(before + 1) })).status
    ).toBe(302);
    expect(thresholdOf(id)).toBe(before + 1);
    const regionId = sql<{ id: string }>("select id from workspaces where slug = 'regio'")[0]!.id;
    expect(
      sql<{ workspace_id: string }>(
        "select workspace_id from audit_log where action = 'indicator.threshold' order by id desc limit 1"
      )[0]!.workspace_id
    ).toBe(regionId);
    expect((await clients.regie.get('/w/regio/logboek')).body).toContain('Drempel voor afscherming gewijzigd');
    await post('enschede', '/w/regio/analyse/indicatoren', { intent: 'threshold', id, threshold: String(before) });
  });

  it('only the beheerder extends the list of aandachtsgroepen', async () => {
    const form = { name: 'Jongeren uit de jeugdzorg', description: 'Achttienjarigen die de jeugdzorg verlaten.' };
    expect((await post('regie', '/beheer/aandachtsgroepen', form)).status).toBe(403);
    expect((await post('beheer', '/beheer/aandachtsgroepen', { name: 'x' })).body).toContain('Een naam heeft minstens 3 tekens.');
    expect((await post('beheer', '/beheer/aandachtsgroepen', form)).status).toBe(200);
    expect((await post('beheer', '/beheer/aandachtsgroepen', form)).body).toContain('Deze aandachtsgroep bestaat al.');
    expect((await clients.enschede.get('/w/regio/knelpunten')).body).toContain('Jongeren uit de jeugdzorg');
  });
});

describe('a large file', () => {
  it('imports 4,160 figures in one go (more than one INSERT can bind)', async () => {
    const lines = ['gemeente;indicator;periode;waarde'];
    const codes = ['GM0153', 'GM0164', 'GM1735', 'GM0173', 'GM1774', 'GM0147', 'GM0158', 'GM0168'];
    for (const indicator of ['woningen-corporatie', 'wmo-clienten', 'huishoudens', 'eenpersoonshuishoudens'])
      for (let year = 1900; year < 2030; year++) for (const code of codes) lines.push(`${code};${indicator};${year};${year}`);
    const reply = await upload('enschede', lines.join('\n'), 'Historische reeks');
    expect(reply.status, reply.body.slice(0, 300)).toBe(302);
    await confirm('enschede', reply.location!);
    expect(sql<{ n: number }>("select count(*) as n from observations where source = 'Historische reeks'")[0]!.n).toBe(4160);
    expect(figure('wmo-clienten', 'losser', '1950', 'Historische reeks')).toBe(1950);
  });
});

describe('the import preview', () => {
  it('shows whoever may apply it the exact figures of the file; the monitor protects them as before', async () => {
    const reply = await upload(
      'enschede',
      'gemeente;indicator;periode;waarde\nGM0164;wmo-clienten;2019;212\nGM0147;wmo-clienten;2019;7\nGM0153;wmo-clienten;2019;50'
    );
    expect(reply.status).toBe(302);
    const rows = (html: string) =>
      Object.fromEntries(
        [
          ...html.matchAll(
            /<th scope="row"[^>]*>([^<]+)<\/th><td[^>]*>Wmo-cliënten<\/td><td[^>]*>2019<\/td><td[^>]*>([^<]*)<\/td><td[^>]*>([^<]*)<\/td>/g
          ),
        ].map((m) => [m[1], [m[2], m[3]!.replace('&lt;', '<')]])
      );
    // Eva is no member of Hengelo or Borne: in the monitor she sees their figures protected. Here, as the
    // one who decides on the file, she sees it exactly, and is told how the monitor will show it.
    const preview = await clients.enschede.get(reply.location!);
    expect(rows(preview.body)).toEqual({ 'Hengelo (O)': ['–', '212'], Borne: ['–', '7'], Enschede: ['–', '50'] });
    expect(preview.body).not.toContain('>210<');
    expect(preview.body).toContain('exact zoals in het bestand');
    expect(preview.body).toContain('afgerond op 5');
    // The projectleider may decide on it too, and sees the same.
    expect(rows((await clients.regie.get(reply.location!)).body)).toEqual({
      'Hengelo (O)': ['–', '212'],
      Borne: ['–', '7'],
      Enschede: ['–', '50'],
    });
    // No one else sees the preview at all.
    for (const user of ['zorg', 'provincie', 'beheer'] as const)
      expect((await clients[user].get(reply.location!)).status, user).toBe(403);
    expect((await clients.hengelo.get(reply.location!)).status).toBe(404);

    await confirm('enschede', reply.location!);
    // Once applied, the page is a record and shows the figures as the monitor does.
    const record = await clients.enschede.get(reply.location!);
    expect(rows(record.body)).toEqual({ 'Hengelo (O)': ['–', '210'], Borne: ['–', '< 10'], Enschede: ['–', '50'] });
    expect(record.body).toContain('zoals de monitor ze u toont');
    // The monitor: rounded and hidden for a commentator, as before (Enschede's 50 goes too, so that the
    // total does not give Borne's away).
    const monitor = Object.values(cellsOf((await clients.zorg.get('/w/regio/analyse?groep=beperking&periode=2019')).body)).flat();
    expect(monitor).toContain('rounded:210');
    expect(monitor).toContain('small:< 10');
    expect(monitor).toContain('suppressed:afgeschermd');
    expect(monitor.filter((c) => c.startsWith('exact'))).toEqual([]);
    expect(figure('wmo-clienten', 'hengelo', '2019', 'Provinciale monitor')).toBe(212);
  });
});
