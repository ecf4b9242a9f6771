// The monitor as a file: CSV for any tool, XLSX for Excel. Always with small-number protection, also
// for members of a gemeente: a file travels further than the screen it was made on.
import ExcelJS from 'exceljs';
import type { IndicatorInfo } from './indicators.server.ts';
import type { MonitorView } from './monitor.server.ts';
import { excelCsv } from '../../lib/csv.ts';

const HEADER = ['Gemeente', 'Indicator', 'Jaar', 'Waarde', 'Per 1.000 inwoners', 'Index (regio = 100)', 'Bron'] as const;

type Value = string | number | null;

/** One line of the export, with the indicator it is about (its unit decides the number format). */
function records(monitor: MonitorView): Array<{ indicator: IndicatorInfo; values: Value[] }> {
  const rows: Array<{ indicator: IndicatorInfo; values: Value[] }> = [];
  const places = [
    ...monitor.gemeenten.map((g) => ({ id: g.id, name: g.name })),
    { id: null, name: `${monitor.region.name} (totaal)` },
  ];
  for (const row of monitor.rows) {
    for (const year of row.trend) {
      for (const place of places) {
        const cell = place.id ? year.cells[place.id]! : year.total;
        if (cell.kind === 'missing') continue;
        rows.push({
          indicator: row.indicator,
          values: [
            place.name,
            row.indicator.name,
            year.period,
            // A protected cell is written as shown ("< 10", "afgeschermd"), never as its number.
            cell.kind === 'exact' || cell.kind === 'rounded' ? cell.value : cell.display,
            cell.perThousand === null ? null : Math.round(cell.perThousand * 10) / 10,
            cell.index === null ? null : Math.round(cell.index),
            row.source?.name ?? '',
          ],
        });
      }
    }
  }
  return rows;
}

export function monitorCsv(monitor: MonitorView): string {
  return excelCsv([[...HEADER], ...records(monitor).map((r) => r.values)], {
    cast: { number: (value) => String(value).replace('.', ',') }, // the decimal comma of Dutch Excel
  });
}

// Excel number formats: ',' and '.' here stand for the reader's own separators (7.905 and 49,0 in Dutch Excel).
const PER_THOUSAND = '#,##0.0';
const INDEX = '0';

/** The format of a value by its indicator's unit; a percentage is stored as 31.4, not 0.314. */
function valueFormat(indicator: IndicatorInfo): string {
  switch (indicator.unit) {
    case 'procent':
      return '0.0" %"';
    case 'euro':
      return '"€" #,##0';
    case 'per_1000':
      return PER_THOUSAND;
    default:
      return indicator.isCount ? '#,##0' : '#,##0.0';
  }
}

/** About how many characters a value takes on screen, formatted. */
function shownLength(value: Value): number {
  if (value === null) return 0;
  if (typeof value === 'number') return Math.round(value).toLocaleString('nl-NL').length + 4; // decimals or a unit
  return Math.max(...value.split(/\r?\n/).map((line) => line.length));
}

export async function monitorXlsx(monitor: MonitorView): Promise<Blob> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Thuisplan';
  const sheet = workbook.addWorksheet('Monitor', {
    views: [{ state: 'frozen', ySplit: 1 }], // the header stays in view while scrolling
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0, // as many pages down as needed, never a column on a page of its own
      printTitlesRow: '1:1',
      printTitlesColumn: 'A:A', // every page shows which gemeente a value is of
    },
    headerFooter: { oddFooter: '&LMonitor &D&RPagina &P van &N' },
  });
  const lines = records(monitor);
  // Wide enough for the header with its filter button and for the longest value, but no wider than a screen needs.
  sheet.columns = HEADER.map((header, column) => ({
    header,
    width: Math.min(60, Math.max(header.length + 4, ...lines.map((line) => shownLength(line.values[column]!) + 2))),
  }));
  sheet.getRow(1).font = { bold: true };
  for (const { indicator, values } of lines) {
    const row = sheet.addRow(values);
    // Numbers only: a protected cell stays the text it is ("< 10").
    const formats = [valueFormat(indicator), PER_THOUSAND, INDEX];
    formats.forEach((format, i) => {
      const cell = row.getCell(4 + i);
      if (typeof cell.value === 'number') cell.numFmt = format;
    });
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1 + lines.length, column: HEADER.length } };
  sheet.addRow([]);
  sheet.addRow(['Kleine aantallen (onder de drempel, meestal 10) zijn afgeschermd; andere aantallen zijn afgerond op 5.']);
  return new Blob([await workbook.xlsx.writeBuffer()]);
}
