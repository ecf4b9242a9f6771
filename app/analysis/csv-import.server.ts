// Figures from a CSV file, as partners export them from Excel: ";" and a decimal comma (Dutch Excel),
// or "," and a decimal point; UTF-8 with or without BOM. Every row is checked; one bad row refuses the file.
import { parse } from 'csv-parse/sync';
import type { ImportRow } from './import-rows.ts';

export const MAX_CSV_BYTES = 10 * 1024 * 1024;
const MAX_ERRORS = 50;

export interface GemeenteRef {
  workspaceId: string;
  cbsCode: string; // GM0153
  name: string;
}

export interface CsvLookup {
  gemeenten: readonly GemeenteRef[];
  /** The gemeenten this workspace may import for: all of the region's, or a gemeente's own. */
  allowed: ReadonlySet<string>;
  indicators: ReadonlyArray<{ id: string; name: string; isCount: boolean }>;
}

export type CsvResult = { ok: true; rows: ImportRow[] } | { ok: false; errors: string[]; errorCount: number };

const COLUMNS = {
  gemeente: ['gemeente', 'gemeentecode', 'regio', 'regios', 'cbs-code', 'cbscode'],
  indicator: ['indicator', 'kenmerk'],
  periode: ['periode', 'jaar', 'perioden'],
  waarde: ['waarde', 'aantal', 'value'],
} as const;

type Column = keyof typeof COLUMNS;

const normalise = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .trim()
    .toLowerCase();

/** "1.234,5" and "1234,5" with a decimal comma; "1,234.5" and "1234.5" with a decimal point. */
export function parseNumber(text: string, decimalComma: boolean): number | null {
  const compact = text.trim().replace(/\s/g, '');
  const pattern = decimalComma ? /^-?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$/ : /^-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/;
  if (!pattern.test(compact)) return null;
  const plain = decimalComma ? compact.replace(/\./g, '').replace(',', '.') : compact.replace(/,/g, '');
  const value = Number(plain);
  return Number.isFinite(value) ? value : null;
}

function decode(bytes: Uint8Array): string | null {
  if (bytes.includes(0)) return null; // binary files have NUL bytes; text never does
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return null;
  }
}

export function parseFiguresCsv(bytes: Uint8Array, lookup: CsvLookup): CsvResult {
  const fail = (message: string): CsvResult => ({ ok: false, errors: [message], errorCount: 1 });
  if (bytes.length === 0) return fail('Het bestand is leeg.');
  if (bytes.length > MAX_CSV_BYTES) return fail('Het bestand is groter dan 10 MB. Splits het in kleinere bestanden.');
  const text = decode(bytes);
  if (text === null) {
    return fail('Dit is geen tekstbestand (CSV). Sla het in Excel op als ‘CSV UTF-8 (gescheiden door lijstscheidingsteken)’.');
  }
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  if (!firstLine.trim()) return fail('Het bestand is leeg.');
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) >= (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';

  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    // info.lines: the line a record ends on, as Excel numbers rows (blank lines and quoted line breaks count).
    records = parse(text, {
      delimiter,
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
      info: true,
    }) as unknown as Array<{
      record: string[];
      info: { lines: number };
    }>;
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    return fail(`Het bestand is geen geldige CSV${line ? ` (rond rij ${line})` : ''}: controleer de aanhalingstekens.`);
  }
  const [first, ...data] = records;
  const header = first?.record;
  if (!header) return fail('Het bestand is leeg.');
  const positions = {} as Record<Column, number>;
  const headerNames = header.map(normalise);
  for (const column of Object.keys(COLUMNS) as Column[]) {
    const index = headerNames.findIndex((name) => (COLUMNS[column] as readonly string[]).includes(name));
    if (index === -1) {
      return fail(`De kolom ‘${column}’ ontbreekt in de eerste rij. Verwacht: gemeente; indicator; periode; waarde.`);
    }
    positions[column] = index;
  }
  if (data.length === 0) return fail('Het bestand bevat alleen een kopregel, geen cijfers.');

  const byCode = new Map(lookup.gemeenten.map((g) => [g.cbsCode.toUpperCase(), g]));
  const byName = new Map(lookup.gemeenten.map((g) => [normalise(g.name), g]));
  for (const g of lookup.gemeenten) byName.set(normalise(g.name.replace(/\s*\(.*\)$/, '')), g); // "Hengelo" for "Hengelo (O)"
  const indicators = new Map<string, { id: string; isCount: boolean }>();
  for (const i of lookup.indicators) {
    indicators.set(normalise(i.id), i);
    indicators.set(normalise(i.name), i);
  }

  const errors: string[] = [];
  let errorCount = 0;
  const error = (message: string) => {
    errorCount++;
    if (errors.length < MAX_ERRORS) errors.push(message);
  };
  const seen = new Map<string, number>();
  const rows: ImportRow[] = [];
  data.forEach(({ record, info }) => {
    const rowNumber = info.lines;
    if (record.length !== header.length) {
      return error(
        `Rij ${rowNumber}: ${record.length} kolommen, de kopregel heeft er ${header.length}. Staat er een scheidingsteken in een waarde? Zet die waarde dan tussen aanhalingstekens.`
      );
    }
    const cell = (column: Column) => record[positions[column]] ?? '';
    const gemeenteText = cell('gemeente');
    const code = gemeenteText.toUpperCase().replace(/^(\d{1,4})$/, (d) => `GM${d.padStart(4, '0')}`);
    const gemeente = byCode.get(code) ?? byName.get(normalise(gemeenteText));
    const indicator = indicators.get(normalise(cell('indicator')));
    const indicatorId = indicator?.id;
    const period = cell('periode');
    const value = parseNumber(cell('waarde'), delimiter === ';');
    const problems: string[] = [];
    if (!gemeente) problems.push(`gemeente ‘${gemeenteText}’ is onbekend (gebruik de CBS-code, zoals GM0153, of de naam)`);
    else if (!lookup.allowed.has(gemeente.workspaceId)) problems.push(`gemeente ${gemeente.name} valt buiten deze werkruimte`);
    if (!indicatorId) problems.push(`indicator ‘${cell('indicator')}’ is onbekend`);
    if (!/^(19|20)\d\d$/.test(period)) problems.push(`periode ‘${period}’ is geen jaartal`);
    if (value === null) problems.push(`waarde ‘${cell('waarde')}’ is geen getal`);
    else if (indicator?.isCount && (value < 0 || !Number.isInteger(value))) {
      problems.push(`waarde ‘${cell('waarde')}’ is geen aantal (een heel getal van 0 of meer)`);
    }
    if (problems.length > 0) return error(`Rij ${rowNumber}: ${problems.join('; ')}.`);
    const key = `${gemeente!.workspaceId}|${indicatorId}|${period}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      return error(`Rij ${rowNumber}: dubbel; dezelfde gemeente, indicator en periode staan ook in rij ${earlier}.`);
    }
    seen.set(key, rowNumber);
    rows.push({ workspaceId: gemeente!.workspaceId, indicatorId: indicatorId!, period, value: value! });
  });
  return errorCount > 0 ? { ok: false, errors, errorCount } : { ok: true, rows };
}
