// The monitor page's tables and their parts: the region's table of every figure (lean: a thousand cells and
// more), a gemeente's own table, the source line under each chart, and the chart pages.
import { Link } from '@remix-run/react';
import { TableScroll } from '../../components/ui/layout.tsx';
import { formatInstantDate } from '../../lib/time.ts';
import { POPULATION_INDICATOR } from './catalogue.ts';
import type { ShownCell } from './monitor-row.ts';
import type { IndicatorRow } from './monitor.server.ts';

/** Charts for a few indicators at a time: a group of fifty would otherwise be a hundred charts on one page. */
export const CHARTS_PER_PAGE = 8;

const decimal = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 1, minimumFractionDigits: 1 });
const whole = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 0 });
export const rate = (value: number | null) => (value === null ? '–' : decimal.format(value));
export const index = (value: number | null) => (value === null ? '–' : whole.format(value));

/** Where a row's figures come from: source, CBS table/topic/categories, peildatum, status and fetch date. */
export function sourceLine(row: IndicatorRow): string {
  if (!row.source) return 'nog geen cijfers';
  const { source, moment } = row;
  return [
    source.cbs ? `${source.name}: ${[source.cbs.topic, ...source.cbs.categories].join('; ')}` : source.name,
    // A bare year is a period; CBS's '2023 januari' is a moment in it.
    moment.peildata.length
      ? `${moment.peildata.every((p) => /^\d{4}$/.test(p)) ? 'periode' : 'peildatum'} ${moment.peildata.join(', ')}`
      : null,
    moment.provisional ? 'voorlopige cijfers' : null,
    source.retrievedAt ? `opgehaald ${formatInstantDate(source.retrievedAt)}` : null,
  ]
    .filter(Boolean)
    .join(', ');
}

/** What a screen reader hears after a protected figure; rounding is said once per row of the region table. */
const protectionNote = (kind: ShownCell['kind']) =>
  kind === 'small'
    ? 'klein aantal, afgeschermd'
    : kind === 'suppressed'
      ? 'afgeschermd om een klein aantal te beschermen'
      : kind === 'rounded'
        ? 'afgerond op 5'
        : null;

export function Value({ cell }: { cell: ShownCell }) {
  const note = protectionNote(cell.kind);
  return (
    <span className={`cell cell--${cell.kind}`} title={note ?? undefined}>
      {cell.display}
      {note ? <span className="visually-hidden"> ({note})</span> : null}
    </span>
  );
}

export function ChartPages({ charts, query }: { charts: { page: number; pages: number; total: number }; query: string }) {
  const link = (page: number) => {
    const params = new URLSearchParams(query);
    params.set('grafieken', String(page));
    return `?${params.toString()}`;
  };
  const first = (charts.page - 1) * CHARTS_PER_PAGE + 1;
  const last = Math.min(charts.total, charts.page * CHARTS_PER_PAGE);
  return (
    <nav className="chart-pages" aria-label="Pagina’s met grafieken">
      <p className="utrecht-paragraph">
        {`Grafieken van indicator ${first}–${last} van ${charts.total}.`}{' '}
        {charts.page > 1 ? (
          <Link to={link(charts.page - 1)} className="utrecht-link" preventScrollReset>
            Vorige {CHARTS_PER_PAGE}
          </Link>
        ) : null}
        {charts.page > 1 && charts.page < charts.pages ? ' · ' : null}
        {charts.page < charts.pages ? (
          <Link to={link(charts.page + 1)} className="utrecht-link" preventScrollReset>
            Volgende {Math.min(CHARTS_PER_PAGE, charts.total - last)}
          </Link>
        ) : null}
      </p>
    </nav>
  );
}

export function RegionTable({
  rows,
  gemeenten,
  period,
  exactFor,
}: {
  rows: IndicatorRow[];
  gemeenten: Array<{ id: string; name: string }>;
  period: string;
  exactFor: string[];
}) {
  const rated = (row: IndicatorRow) => row.indicator.isCount && row.indicator.id !== POPULATION_INDICATOR;
  // A thousand cells or more, so each is lean: a rounded count is its bare figure, and its row heading says
  // that the row's counts are rounded (a screen reader reads the heading with each cell); hidden figures
  // say so themselves; the cells take the table's style from the stylesheet instead of a class each.
  const roundedRow = (id: string) => (id === 'totaal' ? gemeenten.some((g) => !exactFor.includes(g.id)) : !exactFor.includes(id));
  const countCell = (cell: ShownCell, key: string, partial: React.ReactNode) => {
    const note = cell.kind === 'rounded' ? null : protectionNote(cell.kind);
    return (
      <td key={key} className={`cell--${cell.kind}`} title={note ?? undefined}>
        {cell.display}
        {note ? <span className="visually-hidden"> ({note})</span> : null}
        {partial}
      </td>
    );
  };
  return (
    <TableScroll label={`Cijfers per gemeente, ${period}`}>
      <table className="utrecht-table monitor-table" data-testid="monitor-table">
        <caption className="utrecht-paragraph">
          Cijfers per gemeente in {period}, met per 1.000 inwoners en een index (regio = 100)
        </caption>
        {/* The column groups tie "Aantal / Per 1.000 / Index" to their indicator for screen readers. */}
        <colgroup span={1} />
        {rows.map((row) => (
          <colgroup key={row.indicator.id} span={rated(row) ? 3 : 1} />
        ))}
        <thead className="utrecht-table__header">
          <tr className="utrecht-table__row">
            <th scope="col" className="utrecht-table__header-cell" rowSpan={2}>
              Gemeente
            </th>
            {rows.map((row) => (
              <th key={row.indicator.id} scope="colgroup" colSpan={rated(row) ? 3 : 1} className="utrecht-table__header-cell">
                {row.indicator.name}
              </th>
            ))}
          </tr>
          <tr className="utrecht-table__row">
            {rows.flatMap((row) =>
              rated(row)
                ? [
                    <th key={`${row.indicator.id}-n`} scope="col" className="utrecht-table__header-cell">
                      Aantal
                    </th>,
                    <th key={`${row.indicator.id}-r`} scope="col" className="utrecht-table__header-cell">
                      Per 1.000
                    </th>,
                    <th key={`${row.indicator.id}-i`} scope="col" className="utrecht-table__header-cell">
                      Index
                    </th>,
                  ]
                : [
                    <th key={`${row.indicator.id}-n`} scope="col" className="utrecht-table__header-cell">
                      {row.indicator.unit === 'aantal' ? 'Aantal' : row.indicator.unit}
                    </th>,
                  ]
            )}
          </tr>
        </thead>
        <tbody className="utrecht-table__body">
          {[...gemeenten.map((g) => ({ id: g.id, name: g.name })), { id: 'totaal', name: 'Regio totaal' }].map((g) => (
            <tr key={g.id} className={`utrecht-table__row${g.id === 'totaal' ? ' monitor-table__total' : ''}`}>
              <th scope="row" className="utrecht-table__header-cell">
                {g.name}
                {roundedRow(g.id) ? <span className="visually-hidden">, aantallen afgerond op 5</span> : null}
              </th>
              {rows.flatMap((row) => {
                const cell = g.id === 'totaal' ? row.total : row.cells[g.id]!;
                const key = `${row.indicator.id}-${g.id}`;
                const partial =
                  g.id === 'totaal' && row.covered < gemeenten.length ? <Coverage row={row} of={gemeenten.length} /> : null;
                return rated(row)
                  ? [
                      countCell(cell, `${key}-n`, partial),
                      <td key={`${key}-r`}>{rate(cell.perThousand)}</td>,
                      <td key={`${key}-i`}>{index(cell.index)}</td>,
                    ]
                  : [countCell(cell, `${key}-n`, partial)];
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** A regional total over fewer gemeenten than the region has says so. */
function Coverage({ row, of }: { row: IndicatorRow; of: number }) {
  return (
    <span className="muted">
      {' '}
      ({row.covered} van {of} gemeenten)
    </span>
  );
}

export function GemeenteTable({ rows, own, period }: { rows: IndicatorRow[]; own: string; period: string }) {
  return (
    <TableScroll label={`Eigen cijfers naast de regio, ${period}`}>
      <table className="utrecht-table monitor-table" data-testid="monitor-table">
        <caption className="utrecht-paragraph">Eigen cijfers naast de regio, {period}</caption>
        <thead className="utrecht-table__header">
          <tr className="utrecht-table__row">
            {['Indicator', 'Gemeente', 'Per 1.000', 'Regio totaal', 'Regio per 1.000', 'Index (regio = 100)'].map((h) => (
              <th key={h} scope="col" className="utrecht-table__header-cell">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="utrecht-table__body">
          {rows.map((row) => (
            <tr key={row.indicator.id} className="utrecht-table__row">
              <th scope="row" className="utrecht-table__header-cell">
                {row.indicator.name}
              </th>
              <td className="utrecht-table__cell">
                <Value cell={row.cells[own]!} />
              </td>
              <td className="utrecht-table__cell">{rate(row.cells[own]!.perThousand)}</td>
              <td className="utrecht-table__cell">
                <Value cell={row.total} />
              </td>
              <td className="utrecht-table__cell">{rate(row.total.perThousand)}</td>
              <td className="utrecht-table__cell">{index(row.cells[own]!.index)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
