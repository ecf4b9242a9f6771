// One row of the monitor as a viewer may see it: an indicator's figures per gemeente for one year, with
// the regional total, per 1,000 inhabitants and an index against the region (region = 100). Pure.
import { formatCell, protectRow, visibleValue, type Cell, type Protection } from './disclosure.ts';

export interface ShownCell {
  kind: Cell['kind'];
  display: string;
  /** What a chart may draw: null when hidden or missing. */
  value: number | null;
  perThousand: number | null;
  /** Per 1,000 against the regional per 1,000, × 100. */
  index: number | null;
}

export interface ShownRow {
  cells: Record<string, ShownCell>;
  total: ShownCell;
  /** How many gemeenten the total covers (the others have no figure for that year). */
  covered: number;
}

/**
 * @param figures the indicator's figures per gemeente id, for one year
 * @param inhabitants the protected inhabitants row of the same year (null: none), for rates
 * @param rated whether rates and an index are shown (counts other than the inhabitants themselves)
 */
export function showRow(
  figures: ReadonlyMap<string, number>,
  gemeenteIds: readonly string[],
  protection: Protection,
  inhabitants: { cells: Map<string, Cell>; total: Cell } | null,
  rated: boolean
): ShownRow {
  const row = protectRow(figures, gemeenteIds, protection);
  // Rates are computed from what this viewer may see (rounded or exact), never from hidden figures,
  // and leave the server rounded to one decimal.
  const rateOf = (count: number | null, people: number | null) =>
    rated && count !== null && people ? (count / people) * 1000 : null;
  const oneDecimal = (rate: number | null) => (rate === null ? null : Math.round(rate * 10) / 10);
  // The region's rate over the gemeenten that have a figure (so a missing one does not lower it), from
  // the shown total and the shown populations of those gemeenten.
  const covered = gemeenteIds.filter((id) => figures.has(id));
  const coveredPeople = covered.map((id) => (inhabitants ? visibleValue(inhabitants.cells.get(id)!) : null));
  const regional = coveredPeople.every((n) => n !== null)
    ? rateOf(
        visibleValue(row.total),
        coveredPeople.reduce((sum: number, n) => sum + n!, 0)
      )
    : null;
  const show = (cell: Cell, people: Cell | undefined): ShownCell => {
    const rate = rateOf(visibleValue(cell), people ? visibleValue(people) : null);
    return {
      kind: cell.kind,
      display: formatCell(cell, protection.isCount),
      value: visibleValue(cell),
      perThousand: oneDecimal(rate),
      index: rate !== null && regional ? Math.round((rate / regional) * 100) : null,
    };
  };
  return {
    cells: Object.fromEntries(gemeenteIds.map((id) => [id, show(row.cells.get(id)!, inhabitants?.cells.get(id))])),
    total: { ...show(row.total, inhabitants?.total), perThousand: oneDecimal(regional), index: regional === null ? null : 100 },
    covered: covered.length,
  };
}
