import type { IndicatorUnit } from '../../db/schema.ts';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { monitorCsv, monitorXlsx } from '../../app/features/analysis/monitor-files.server.ts';
import { documentDocx } from '../../app/features/documents/document-docx.ts';
import { templateContent, WOONZORGVISIE_CHAPTERS } from '../../app/features/documents/templates.ts';
import { Packer } from 'docx';
import { reactienotaCsv, reactienotaDocx, type Reactienota } from '../../app/features/comments/reactienota.server.ts';
import type { IndicatorRow, MonitorView } from '../../app/features/analysis/monitor.server.ts';
import type { ShownCell } from '../../app/features/analysis/monitor-row.ts';
import type { RoundComment, RoundView } from '../../app/features/review-rounds/review-rounds.server.ts';

// The files a gemeente sends out, read back the way their readers' tools read them.

// Excel ends a row at any unquoted line break (CR, LF or both): so does this parser.
const readCsv = (text: string) =>
  parse(text, { delimiter: ';', bom: true, record_delimiter: ['\r\n', '\n', '\r'] }) as string[][];

const round = (values: Partial<RoundView> = {}): RoundView => ({
  id: 'ronde',
  workspaceId: 'regio',
  title: 'Consultatie zorgpartijen',
  documentId: 'doc',
  documentTitle: 'Woonzorgvisie Twente',
  versionId: 'versie',
  versionName: 'Consultatieversie 1',
  deadline: '2026-12-14',
  status: 'open',
  openedAt: '2026-11-20T09:00:00.000Z',
  openedByName: 'Rian Regie',
  closedAt: null,
  commentCount: 3,
  ...values,
});

const response = (body: string, values: Partial<RoundComment> = {}): RoundComment => ({
  commentId: body,
  threadId: body,
  quote: 'uitstroom uit beschermd wonen',
  body,
  authorName: 'Zeynep Zorg',
  organisationName: 'Zorgpartner Twente',
  createdAt: '2026-11-21T10:00:00.000Z',
  decision: 'overgenomen',
  decisionNote: 'Toegevoegd aan paragraaf 3.2.',
  decidedByName: 'Eva Enschede',
  ...values,
});

const responses = [
  response('Eerste alinea.\nTweede alinea, na een regeleinde.'),
  response('Een oude Mac-regel\rna een CR, en een Windows-regel\r\nna CRLF.', { decisionNote: 'Zie hoofdstuk 4;\nook 5.' }),
  response('=HYPERLINK("https://example.com") Hoofdstuk 4 mist "de corporaties"; graag aanvullen.', {
    decision: null,
    decisionNote: null,
  }),
];

const nota = (values: Partial<RoundView> = {}): Reactienota => ({
  workspaceName: 'Regio Twente',
  round: round(values),
  comments: responses,
});

const shown = (kind: ShownCell['kind'], value: number | null, perThousand: number | null = null, index: number | null = null) =>
  ({
    kind,
    display: kind === 'small' ? '< 10' : kind === 'suppressed' ? 'afgeschermd' : String(value),
    value: kind === 'small' || kind === 'suppressed' ? null : value,
    perThousand,
    index,
  }) satisfies ShownCell;

function indicatorRow(
  id: string,
  name: string,
  unit: IndicatorUnit,
  isCount: boolean,
  cells: Record<string, ShownCell>,
  total: ShownCell,
  source = 'CBS 70072ned'
): IndicatorRow {
  return {
    indicator: { id, name, unit, isCount, targetGroupId: null, definition: '', threshold: 10 },
    source: { name: source, definition: '', retrievedAt: null },
    cells,
    total,
    covered: 2,
    moment: { peildata: ['2023'], provisional: false },
    trend: [{ period: '2023', total, cells }],
  };
}

function monitor(source?: string): MonitorView {
  return {
    region: { id: 'regio', name: 'Regio Twente' },
    gemeenten: [
      { id: 'e', name: 'Enschede', slug: 'enschede' },
      { id: 'h', name: 'Hof van Twente', slug: 'hof-van-twente' },
    ],
    groups: [],
    groupId: null,
    periods: ['2023'],
    period: '2023',
    exactFor: [],
    rows: [
      indicatorRow(
        'ouderen-80-plus',
        'Inwoners van 80 jaar of ouder',
        'aantal',
        true,
        { e: shown('rounded', 7905, 49, 103), h: shown('small', null) },
        shown('suppressed', null),
        source
      ),
      indicatorRow(
        'huurwoningen',
        'Aandeel sociale huurwoningen',
        'procent',
        false,
        { e: shown('exact', 31.4), h: shown('exact', 18.25) },
        shown('exact', 28.1)
      ),
      indicatorRow(
        'woz',
        'Gemiddelde WOZ-waarde',
        'euro',
        false,
        { e: shown('exact', 245000), h: shown('exact', 312000) },
        shown('exact', 262000)
      ),
      indicatorRow(
        'wachtenden',
        'Wachtenden beschermd wonen',
        'per_1000',
        false,
        { e: shown('exact', 1.4), h: shown('exact', 0.9) },
        shown('exact', 1.3)
      ),
    ],
  };
}

describe('the reactienota as CSV', () => {
  it('gives one record per response however its texts break lines, with quotes and ";" intact (RFC 4180)', () => {
    const text = reactienotaCsv(nota());
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    const records = readCsv(text);
    expect(records).toHaveLength(1 + responses.length);
    expect(records[0]).toEqual(['Nr.', 'Indiener', 'Organisatie', 'Tekstfragment', 'Reactie', 'Verwerking', 'Toelichting']);
    expect(records[1]![4]).toBe(responses[0]!.body);
    expect(records[2]![4]).toBe(responses[1]!.body);
    expect(records[2]![6]).toBe('Zie hoofdstuk 4;\nook 5.');
    expect(records[3]![4]).toBe(`'${responses[2]!.body}`); // a leading quote: Excel shows it as text, never runs it
    expect(records[3]![5]).toBe('Nog niet verwerkt');
  });
});

describe('the monitor as CSV', () => {
  it('quotes a source name that holds a line break', () => {
    const records = readCsv(monitorCsv(monitor('Registratie\nzorgkantoor')));
    expect(records.every((r) => r.length === 7)).toBe(true);
    expect(records.filter((r) => r[6] === 'Registratie\nzorgkantoor')).toHaveLength(3); // two gemeenten and the region
  });
});

async function unzipDocx(nota: Reactienota, now: Date) {
  const zip = await JSZip.loadAsync(await reactienotaDocx(nota, now));
  const read = async (name: string) => (await zip.file(name)?.async('string')) ?? '';
  const names = Object.keys(zip.files);
  const all = async (pattern: RegExp) => (await Promise.all(names.filter((n) => pattern.test(n)).map(read))).join('\n');
  return {
    document: await read('word/document.xml'),
    styles: await read('word/styles.xml'),
    headers: await all(/^word\/header\d*\.xml$/),
    footers: await all(/^word\/footer\d*\.xml$/),
  };
}

const textOf = (xml: string) =>
  [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)]
    .map((m) => m[1])
    .join('')
    .replace(/&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');

describe('the reactienota as DOCX', () => {
  const now = new Date('2026-11-30T10:00:00Z');

  it('is a Dutch landscape A4 document in a readable font, with columns sized to their content', async () => {
    const { document, styles } = await unzipDocx(nota(), now);
    // The language sits in the document defaults of styles.xml, so every paragraph inherits it.
    const defaults = styles.match(/<w:docDefaults>[\s\S]*?<\/w:docDefaults>/)![0];
    expect(defaults).toMatch(/<w:lang w:val="nl-NL"/);
    expect(defaults).toMatch(/<w:rFonts w:ascii="Arial"/);
    expect(defaults).toMatch(/<w:sz w:val="20"\/>/); // 10 pt
    expect(document).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/); // A4 landscape
    const grid = [...document.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
    expect(grid).toHaveLength(7);
    const [nr, , , , reactie, verwerking, toelichting] = grid as [number, number, number, number, number, number, number];
    expect(new Set(grid).size).toBeGreaterThan(1);
    expect(nr).toBe(Math.min(...grid));
    expect(reactie).toBe(Math.max(...grid));
    expect(toelichting).toBeGreaterThan(verwerking);
    expect(grid.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(16838 - 2 * 1000); // within the margins
    expect(document).toMatch(/<w:tblLayout w:type="fixed"\/>/); // Word keeps the widths instead of squeezing by content
  });

  it('has page numbers in the footer, and the document, version and date of the export in the header', async () => {
    const { headers, footers } = await unzipDocx(nota(), now);
    expect(textOf(footers)).toContain('Pagina ');
    expect(textOf(footers)).toContain(' van ');
    expect(footers).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/);
    expect(footers).toMatch(/<w:instrText[^>]*>\s*NUMPAGES\s*<\/w:instrText>/);
    const header = textOf(headers);
    expect(header).toContain('Reactienota Consultatie zorgpartijen');
    expect(header).toContain('Woonzorgvisie Twente, versie Consultatieversie 1');
    expect(header).toContain('30-11-2026');
  });

  it('speaks of an open round in the present tense, and of a past deadline or a closed round in the past', async () => {
    const open = textOf((await unzipDocx(nota(), now)).document);
    expect(open).toContain('reageren kan tot en met 14-12-2026');
    expect(open).toContain('de ronde is nog open; deze reactienota is een tussenstand');
    expect(open).not.toContain('reageren kon');

    const late = textOf((await unzipDocx(nota({ deadline: '2026-11-29' }), now)).document);
    expect(late).toContain('reageren kon tot en met 29-11-2026');
    expect(late).toContain('nog niet gesloten');

    const onTheDay = textOf((await unzipDocx(nota({ deadline: '2026-11-30' }), now)).document);
    expect(onTheDay).toContain('reageren kan tot en met 30-11-2026'); // the deadline day itself still counts

    const closed = textOf(
      (await unzipDocx(nota({ status: 'gesloten', closedAt: '2026-12-15T08:00:00.000Z', deadline: '2026-12-14' }), now)).document
    );
    expect(closed).toContain('reageren kon tot en met 14-12-2026');
    expect(closed).toContain('De ronde is gesloten op 15-12-2026');
    expect(closed).not.toContain('tussenstand');
  });
});

describe('the monitor as XLSX', () => {
  async function sheet() {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await (await monitorXlsx(monitor())).arrayBuffer());
    return workbook.getWorksheet('Monitor')!;
  }
  const rowOf = (ws: ExcelJS.Worksheet, place: string, indicator: string) => {
    for (let r = 2; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      if (row.getCell(1).value === place && row.getCell(2).value === indicator) return row;
    }
    throw new Error(`no row for ${place}, ${indicator}`);
  };

  it('formats numbers by what they are, and keeps protected cells as text', async () => {
    const ws = await sheet();
    const count = rowOf(ws, 'Enschede', 'Inwoners van 80 jaar of ouder');
    expect(count.getCell(4).value).toBe(7905);
    expect(count.getCell(4).numFmt).toBe('#,##0'); // Excel shows its own thousands separator: 7.905 in Dutch
    expect(count.getCell(5).value).toBe(49);
    expect(count.getCell(5).numFmt).toBe('#,##0.0'); // per 1.000, one decimal: 49,0
    expect(count.getCell(6).value).toBe(103);
    expect(count.getCell(6).numFmt).toBe('0');
    const hidden = rowOf(ws, 'Hof van Twente', 'Inwoners van 80 jaar of ouder').getCell(4);
    expect(hidden.type).toBe(ExcelJS.ValueType.String);
    expect(hidden.value).toBe('< 10');
    expect(rowOf(ws, 'Regio Twente (totaal)', 'Inwoners van 80 jaar of ouder').getCell(4).value).toBe('afgeschermd');
    expect(rowOf(ws, 'Hof van Twente', 'Aandeel sociale huurwoningen').getCell(4).value).toBe(18.25);
    expect(rowOf(ws, 'Hof van Twente', 'Aandeel sociale huurwoningen').getCell(4).numFmt).toBe('0.0" %"');
    expect(rowOf(ws, 'Enschede', 'Gemiddelde WOZ-waarde').getCell(4).numFmt).toBe('"€" #,##0');
    expect(rowOf(ws, 'Enschede', 'Wachtenden beschermd wonen').getCell(4).numFmt).toBe('#,##0.0');
  });

  it('freezes the header, filters the data, sizes the columns to their content and prints on A4 landscape', async () => {
    const ws = await sheet();
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const lastDataRow = 1 + 4 * 3; // four indicators, one year, two gemeenten and the region
    expect(ws.getRow(lastDataRow).getCell(1).value).toBe('Regio Twente (totaal)');
    expect(ws.autoFilter).toBe(`A1:G${lastDataRow}`);
    const widths = ws.columns.map((c) => c.width!);
    expect(widths[0]).toBeGreaterThanOrEqual('Regio Twente (totaal)'.length);
    expect(widths[1]).toBeGreaterThanOrEqual('Inwoners van 80 jaar of ouder'.length);
    expect(widths[4]).toBeGreaterThanOrEqual('Per 1.000 inwoners'.length + 2); // room for the filter button
    expect(widths[5]).toBeGreaterThanOrEqual('Index (regio = 100)'.length + 2);
    expect(widths[2]).toBeLessThan(widths[1]!);
    expect(Math.max(...widths)).toBeLessThanOrEqual(60);
    expect(ws.pageSetup).toMatchObject({
      paperSize: 9, // A4
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '1:1',
      printTitlesColumn: 'A:A',
    });
  });
});

describe('a document as DOCX', () => {
  it("holds the chapters and the user's text, not a template's guidance", async () => {
    const content = templateContent('woonzorgvisie');
    content[2] = { type: 'paragraph', content: [{ type: 'text', text: 'Wat wij zelf schrijven.' }] };
    const zip = await JSZip.loadAsync(await Packer.toBuffer(documentDocx('Woonzorgvisie', content)));
    const text = textOf((await zip.file('word/document.xml')?.async('string')) ?? '');
    expect(text).toContain('1. Opgave in beeld');
    expect(text).toContain('Wat wij zelf schrijven.');
    for (const [, prompt] of WOONZORGVISIE_CHAPTERS) expect(text).not.toContain(prompt);
    expect(text).not.toContain('Leidraad');
  });
});
