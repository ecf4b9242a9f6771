// The monitor as a file: CSV for any tool, XLSX for Excel. Always with small-number protection, also
// for members of a gemeente: a file travels further than the screen it was made on.
import ExcelJS from 'exceljs';
import type { MonitorView } from '../models/monitor.server.ts';
import { excelCsv } from './csv.ts';

const HEADER = ['Gemeente', 'Indicator', 'Jaar', 'Waarde', 'Per 1.000 inwoners', 'Index (regio = 100)', 'Bron'] as const;

function records(monitor: MonitorView): Array<Array<string | number | null>> {
  const rows: Array<Array<string | number | null>> = [];
  const places = [
    ...monitor.gemeenten.map((g) => ({ id: g.id, name: g.name })),
    { id: null, name: `${monitor.region.name} (totaal)` },
  ];
  for (const row of monitor.rows) {
    for (const year of row.trend) {
      for (const place of places) {
        const cell = place.id ? year.cells[place.id]! : year.total;
        if (cell.kind === 'missing') continue;
        rows.push([
          place.name,
          row.indicator.name,
          year.period,
          // A protected cell is written as shown ("< 10", "afgeschermd"), never as its number.
          cell.kind === 'exact' || cell.kind === 'rounded' ? cell.value : cell.display,
          cell.perThousand === null ? null : Math.round(cell.perThousand * 10) / 10,
          cell.index === null ? null : Math.round(cell.index),
          row.source?.name ?? '',
        ]);
      }
    }
  }
  return rows;
}

export function monitorCsv(monitor: MonitorView): string {
  return excelCsv([[...HEADER], ...records(monitor)], {
    cast: { number: (value) => String(value).replace('.', ',') }, // the decimal comma of Dutch Excel
  });
}

export async function monitorXlsx(monitor: MonitorView): Promise<Blob> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Thuisplan';
  const sheet = workbook.addWorksheet('Monitor');
  sheet.columns = HEADER.map((header) => ({ header, width: header === 'Indicator' || header === 'Gemeente' ? 34 : 16 }));
  sheet.getRow(1).font = { bold: true };
  for (const record of records(monitor)) sheet.addRow(record);
  sheet.addRow([]);
  sheet.addRow(['Kleine aantallen (onder de drempel, meestal 10) zijn afgeschermd; andere aantallen zijn afgerond op 5.']);
  return new Blob([await workbook.xlsx.writeBuffer()]);
}
