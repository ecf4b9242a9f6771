// CSV as Dutch Excel opens it directly: UTF-8 with BOM, semicolons, CRLF between records.
import { stringify, type Options } from 'csv-stringify/sync';

const EXCEL: Options = {
  delimiter: ';',
  bom: true,
  record_delimiter: 'windows',
  // csv-stringify quotes a field holding its record delimiter (CRLF), but not a lone LF or CR, and Excel ends a
  // row at either: a comment with a line break fell apart over rows. RFC 4180: quote any field with a line break
  // (the delimiter and the quote are quoted already).
  quoted_match: /[\r\n]/,
  // A cell starting with = + - @ gets a leading quote, so a text ("@Naam …", "=HYPERLINK(…)") is never run as a
  // formula; numbers (negative ones too) stay numbers.
  escape_formulas: true,
};

export function excelCsv(records: unknown[][], options: Pick<Options, 'cast'> = {}): string {
  return stringify(records, { ...EXCEL, ...options });
}
