// Figures from a CSV file, as partners export them from Excel: ";" and a decimal comma (Dutch Excel),
// or "," and a decimal point; UTF-8 with or without BOM, Windows-1252 (Excel's plain "CSV") or UTF-16
// with tabs (Excel's "Unicode-tekst"). Every row is checked; one bad row refuses the file.
import { parse } from 'csv-parse/sync';
import type { IndicatorUnit } from '../../../db/schema.ts';
import { gemeentenByName, normaliseGemeenteName } from './gemeente-names.ts';
import type { ImportRow } from './import-rows.ts';
import { valueProblem } from './units.ts';
import { CSV_TOO_LARGE, MAX_CSV_BYTES } from './csv-limits.ts';
import { formatCount, plural, pluralWord } from '../../lib/plural.ts';
import { FORMER_NAMES } from './catalogue.ts';

/** Prognoses and taakstellingen look ahead, but not by more than ten years. */
const LATEST_YEAR = new Date().getFullYear() + 10;

const MAX_ERRORS = 50;

export interface GemeenteRef {
  workspaceId: string;
  cbsCode: string; // GM0153
  name: string;
}

export interface CsvIndicator {
  id: string;
  name: string;
  unit: IndicatorUnit;
  isCount: boolean;
}

export interface CsvLookup {
  gemeenten: readonly GemeenteRef[];
  /** The gemeenten this workspace may import for: all of the region's, or a gemeente's own. */
  allowed: ReadonlySet<string>;
  indicators: readonly CsvIndicator[];
}

/** `skipped`: value cells without a figure ('', '.', '-', 'x'); their rows are not imported. */
export type CsvResult = { ok: true; rows: ImportRow[]; skipped: number } | { ok: false; errors: string[]; errorCount: number };

const COLUMNS = {
  gemeente: ['gemeente', 'gemeentecode', 'regio', 'regios', 'cbs-code', 'cbscode'],
  indicator: ['indicator', 'kenmerk'],
  periode: ['periode', 'jaar', 'perioden'],
  waarde: ['waarde', 'aantal', 'value'],
} as const;

type Column = keyof typeof COLUMNS;

/** How CBS and Excel write "no figure": empty, '.' (CBS: unknown), '-' (nil) or 'x' (CBS: secret). */
const NO_FIGURE = new Set(['', '.', '-', 'x']);

const normalise = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .trim()
    .toLowerCase();

/** A number, or why the text is not one that can be read safely; null: no number at all. */
export type NumberReading = { value: number } | { problem: string } | null;

/** The separators of a file with a decimal comma (true) or a decimal point (false), and the numbers it reads. */
const NOTATION = Object.fromEntries(
  [true, false].map((decimalComma) => {
    const [mark, group, markName, groupName] = decimalComma ? [',', '.', 'komma', 'punt'] : ['.', ',', 'punt', 'komma'];
    const [m, g] = [`\\${mark}`, `\\${group}`];
    // 1.234,5 · 1.234.567 · 1234 · 1234,5 (with a decimal comma)
    const number = new RegExp(`^-?(\\d{1,3}(${g}\\d{3})+${m}\\d+|\\d{1,3}(${g}\\d{3}){2,}|\\d+(${m}\\d+)?)$`);
    const oneGroup = new RegExp(`^(-?)(\\d+)${g}(\\d+)$`);
    return [String(decimalComma), { mark, group, markName, groupName, number, oneGroup }];
  })
);

/**
 * "1.234,5" and "1234,5" with a decimal comma; "1,234.5" and "1234.5" with a decimal point.
 *
 * A number with one separator of the other kind and no decimal mark is refused, never guessed: in a
 * decimal-comma file '2.500' is 2500 or 2,5 and '0.125' is 125 or 0,125 (Excel writes no thousands
 * separators in a CSV unless a cell was text, so a point there is most likely a decimal point), and
 * '12.5' is a decimal point in the wrong file. Two or more groups ('1.234.567') can only be thousands.
 * The same holds the other way round for a comma in a decimal-point file. A problem is worded to follow
 * "waarde ‘…’".
 */
export function readNumber(text: string, decimalComma: boolean): NumberReading {
  const { mark, group, markName, groupName, number, oneGroup } = NOTATION[String(decimalComma)]!;
  const trimmed = text.trim();
  // A space may group thousands ('1 234 567', as some exports write), nothing else: '12 3' is no number.
  if (/\s/.test(trimmed) && !/^-?\d{1,3}([ \u00a0\u202f]\d{3})+([.,]\d+)?$/.test(trimmed)) return null;
  const compact = trimmed.replace(/\s/g, '');
  if (number.test(compact)) {
    const value = Number(compact.replaceAll(group, '').replace(mark, '.'));
    return Number.isFinite(value) ? { value } : null;
  }
  const single = oneGroup.exec(compact);
  if (!single) return null;
  const [, sign, whole, fraction] = single as unknown as [string, string, string, string];
  if (whole.length <= 3 && fraction.length === 3) {
    const readings = `${sign}${Number(whole + fraction)} of ${sign}${whole},${fraction}`;
    return {
      problem: `is dubbelzinnig: ${readings}? Dit bestand gebruikt een ${markName} als decimaalteken; gebruik een ${markName} als decimaalteken of laat de ${groupName} weg`,
    };
  }
  const meant = compact.replace(group, mark);
  return {
    problem: `heeft een ${groupName} in plaats van ${markName}: dit bestand gebruikt een ${markName} als decimaalteken; schrijf ${meant}`,
  };
}

/** The number in `text`, or null when it is none or is ambiguous (see readNumber). */
export function parseNumber(text: string, decimalComma: boolean): number | null {
  const reading = readNumber(text, decimalComma);
  return reading && 'value' in reading ? reading.value : null;
}

const UNIT_NAMES: Record<IndicatorUnit, string> = {
  aantal: 'een aantal',
  procent: 'een percentage',
  euro: 'een bedrag in euro',
  per_1000: 'een aantal per 1.000',
};

/** What is wrong with `value` for this indicator's unit: counts whole and not negative, percentages 0–100, per 1.000 0–1.000. */
function unitProblem(text: string, value: number, percentSign: boolean, indicator: CsvIndicator): string | null {
  const unit = UNIT_NAMES[indicator.unit];
  if (percentSign && indicator.unit !== 'procent') {
    return `waarde ‘${text}’ heeft een procentteken, maar indicator ‘${indicator.name}’ is ${unit}, geen percentage`;
  }
  // The rules of units.ts, the same as for CBS; a count of people is whole whatever its unit says.
  const problem = valueProblem(indicator.isCount ? 'aantal' : indicator.unit, value);
  if (problem) return `waarde ‘${text}’ is ${problem}${indicator.isCount ? '' : `: indicator ‘${indicator.name}’ is ${unit}`}`;
  return null;
}

// Windows-1252 where it differs from Latin-1: bytes 0x80–0x9F (five of them are unused and stay as
// they are). Node's own TextDecoder('windows-1252') decodes these as Latin-1 since Node 20.18.3
// (nodejs/node#60888), so '€' would become a control character.
const CP1252 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
const windows1252 = (bytes: Uint8Array) =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length)
    .toString('latin1')
    .replace(/[\u0080-\u009f]/g, (c) => CP1252[c.charCodeAt(0) - 0x80]!);

/**
 * The text of a file as Excel saves it: a BOM says UTF-16 (Excel's "Unicode-tekst") or UTF-8; without
 * one, UTF-8 if it is valid, else Windows-1252 (Excel's plain "CSV", which never fails to decode).
 * null: not text, such as an .xlsx renamed to .csv.
 */
function decode(bytes: Uint8Array): string | null {
  const encoding =
    bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : 'utf-8';
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    if (encoding !== 'utf-8') return null;
    text = windows1252(bytes);
  }
  // Binary files have control characters (NUL above all); text has only tabs and line breaks.
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  return /[\u0000-\u0008\u000e-\u001f]/.test(text) ? null : text;
}

export function parseFiguresCsv(bytes: Uint8Array, lookup: CsvLookup): CsvResult {
  const fail = (message: string): CsvResult => ({ ok: false, errors: [message], errorCount: 1 });
  if (bytes.length === 0) return fail('Het bestand is leeg.');
  if (bytes.length > MAX_CSV_BYTES) return fail(CSV_TOO_LARGE);
  let text = decode(bytes);
  if (text === null)
    return fail('Dit is geen tekstbestand (CSV). Sla het in Excel op als ‘CSV (gescheiden door lijstscheidingsteken)’.');

  // "sep=;" on the first line tells Excel the separator. Excel reads it as an instruction and does
  // not show it as a row (as widely reported; not checked against an Excel here), so the header after
  // it is row 1 and row numbers below match what Excel shows.
  let delimiter: string | undefined;
  const sep = /^"?sep=([^\r\n"])"?[ ]*(\r\n|\n|\r|$)/i.exec(text);
  if (sep) {
    delimiter = sep[1]!;
    text = text.slice(sep[0].length);
  }
  if (!delimiter) {
    const firstLine = text.split(/\r\n|\n|\r/).find((line) => line.trim()) ?? '';
    const counts = [';', ',', '\t'].map((d) => [d, firstLine.split(d).length] as const);
    delimiter = counts.reduce((best, next) => (next[1] > best[1] ? next : best))[0];
  }
  // Tabs come from Dutch Excel's "Unicode-tekst": a decimal comma, like ";". A file with decimal
  // points there is refused by readNumber, not misread.
  const decimalComma = delimiter !== ',';

  let records: string[][];
  try {
    // Empty lines are kept as records, so a record's index is its row number in Excel: Excel shows an
    // empty line as an empty row and a cell with line breaks as one row.
    records = parse(text, { delimiter, bom: true, relax_column_count: true, trim: true }) as string[][];
  } catch (error) {
    const parsed = (error as { records?: number }).records;
    const row = parsed === undefined ? '' : ` (in rij ${parsed + 1})`;
    return fail(`Het bestand is geen geldige CSV${row}: controleer de aanhalingstekens.`);
  }
  const empty = (cells: readonly string[]) => cells.every((c) => c === '');
  const headerIndex = records.findIndex((r) => !empty(r));
  if (headerIndex === -1) return fail('Het bestand is leeg.');
  // Excel writes its whole used range: empty columns at the end of the header do not count.
  const rawHeader = records[headerIndex]!;
  const header = rawHeader.slice(0, rawHeader.findLastIndex((c) => c !== '') + 1);
  const positions = {} as Record<Column, number>;
  const headerNames = header.map((name) => normalise(name.replace(/\s*\(.*\)$/, ''))); // 'Waarde (€)' is 'waarde'
  for (const column of Object.keys(COLUMNS) as Column[]) {
    const index = headerNames.findIndex((name) => (COLUMNS[column] as readonly string[]).includes(name));
    if (index === -1) {
      return fail(
        `De kolom ‘${column}’ ontbreekt in rij ${headerIndex + 1}, de kopregel. Verwacht: gemeente; indicator; periode; waarde.`
      );
    }
    positions[column] = index;
  }
  // Empty rows (Excel's ";;;;" at the end of its used range, or a blank line) are left out.
  const filled = records
    .map((record, index) => ({ record, row: index + 1 }))
    .slice(headerIndex + 1)
    .filter(({ record }) => !empty(record));
  if (filled.length === 0) return fail('Het bestand bevat alleen een kopregel, geen cijfers.');

  const byCode = new Map(lookup.gemeenten.map((g) => [g.cbsCode.toUpperCase(), g]));
  const byName = gemeentenByName(lookup.gemeenten);
  const indicators = new Map<string, CsvIndicator>();
  // Names of earlier versions first, so that a current id or name always wins.
  const former: Readonly<Record<string, readonly string[]>> = FORMER_NAMES.indicators;
  for (const i of lookup.indicators) for (const name of former[i.id] ?? []) indicators.set(normalise(name), i);
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
  let skipped = 0;
  for (const { record, row } of filled) {
    const width = record.findLastIndex((c) => c !== '') + 1;
    if (record.length < header.length || width > header.length) {
      error(
        `Rij ${row}: ${plural(record.length < header.length ? record.length : width, 'kolom', 'kolommen')}, de kopregel heeft er ${formatCount(
          header.length
        )}. Staat er een scheidingsteken in een waarde? Zet die waarde dan tussen aanhalingstekens.`
      );
      continue;
    }
    const cell = (column: Column) => record[positions[column]] ?? '';
    const gemeenteText = cell('gemeente');
    const code = gemeenteText.toUpperCase().replace(/^(\d{1,4})$/, (d) => `GM${d.padStart(4, '0')}`);
    const gemeente = byCode.get(code) ?? byName.get(normaliseGemeenteName(gemeenteText));
    const indicator = indicators.get(normalise(cell('indicator')));
    const period = cell('periode');
    const valueText = cell('waarde');
    const noFigure = NO_FIGURE.has(valueText.toLowerCase());
    const percentSign = /\s*%$/.exec(valueText);
    const reading = noFigure ? null : readNumber(percentSign ? valueText.slice(0, percentSign.index) : valueText, decimalComma);
    const problems: string[] = [];
    if (!gemeente) problems.push(`gemeente ‘${gemeenteText}’ is onbekend (gebruik de CBS-code, zoals GM0153, of de naam)`);
    else if (!lookup.allowed.has(gemeente.workspaceId)) problems.push(`gemeente ${gemeente.name} valt buiten deze werkruimte`);
    if (!indicator) problems.push(`indicator ‘${cell('indicator')}’ is onbekend`);
    if (!/^\d{4}$/.test(period) || Number(period) < 1900 || Number(period) > LATEST_YEAR) {
      problems.push(`periode ‘${period}’ is geen jaartal van 1900 tot en met ${LATEST_YEAR}`);
    }
    if (!noFigure) {
      if (reading === null) problems.push(`waarde ‘${valueText}’ is geen getal`);
      else if ('problem' in reading) problems.push(`waarde ‘${valueText}’ ${reading.problem}`);
      else if (indicator) {
        const problem = unitProblem(valueText, reading.value, percentSign !== null, indicator);
        if (problem) problems.push(problem);
      }
    }
    if (problems.length > 0) {
      error(`Rij ${row}: ${problems.join('; ')}.`);
      continue;
    }
    const key = `${gemeente!.workspaceId}|${indicator!.id}|${period}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      error(`Rij ${row}: dubbel; dezelfde gemeente, indicator en periode staan ook in rij ${earlier}.`);
      continue;
    }
    seen.set(key, row);
    if (noFigure) skipped++;
    else
      rows.push({
        workspaceId: gemeente!.workspaceId,
        indicatorId: indicator!.id,
        period,
        value: (reading as { value: number }).value,
      });
  }
  if (errorCount > 0) return { ok: false, errors, errorCount };
  if (rows.length === 0) {
    return fail(
      `Het bestand bevat geen cijfers: ${
        skipped === 1 ? 'de enige cel' : `alle ${plural(skipped, 'cel', 'cellen')}`
      } in de kolom waarde ${pluralWord(skipped, 'is', 'zijn')} leeg of ‘.’, ‘-’ of ‘x’.`
    );
  }
  return { ok: true, rows, skipped };
}
