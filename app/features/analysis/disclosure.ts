// Small-number protection, as CBS does it: outside a gemeente's own members (and in every export),
// counts below a threshold show as "< 10" and other counts are rounded to multiples of 5. A regional
// total could give a hidden cell away (total minus the others), so: when exactly one cell of a row is
// hidden, a second one is suppressed as well, and the total is rounded.

export type Cell =
  | { kind: 'exact'; value: number }
  | { kind: 'rounded'; value: number }
  | { kind: 'small'; threshold: number } // shown as "< 10"
  | { kind: 'suppressed' } // hidden so that another hidden cell cannot be recomputed
  | { kind: 'missing' };

export interface Protection {
  isCount: boolean;
  threshold: number;
  /** The gemeenten whose own members are looking: they see their figures exactly. */
  exactFor: ReadonlySet<string>;
}

export const ROUND_TO = 5;

export const roundToFive = (value: number) => Math.round(value / ROUND_TO) * ROUND_TO;

/** One figure as this viewer may see it (without the row's secondary suppression: use protectRow for rows with totals). */
export function protectFigure(workspaceId: string, value: number, protection: Protection): Cell {
  if (!protection.isCount || protection.exactFor.has(workspaceId)) return { kind: 'exact', value };
  if (value < protection.threshold) return { kind: 'small', threshold: protection.threshold };
  return { kind: 'rounded', value: roundToFive(value) };
}

/** One row of figures (an indicator in a year, per gemeente) with its regional total, as this viewer may see it. */
export function protectRow(
  figures: ReadonlyMap<string, number>,
  workspaceIds: readonly string[],
  protection: Protection
): { cells: Map<string, Cell>; total: Cell } {
  const cells = new Map<string, Cell>();
  for (const id of workspaceIds) {
    const value = figures.get(id);
    cells.set(id, value === undefined ? { kind: 'missing' } : protectFigure(id, value, protection));
  }
  const present = workspaceIds.filter((id) => figures.has(id));
  if (present.length === 0) return { cells, total: { kind: 'missing' } };
  const sum = present.reduce((total, id) => total + figures.get(id)!, 0);
  const allExact = present.every((id) => cells.get(id)!.kind === 'exact');
  if (allExact) return { cells, total: { kind: 'exact', value: sum } };

  let total: Cell = { kind: 'rounded', value: roundToFive(sum) };
  const hidden = present.filter((id) => cells.get(id)!.kind === 'small');
  if (hidden.length === 1) {
    // The smallest other figure the viewer does not know exactly goes too; if there is none, the total goes.
    const second = present.filter((id) => cells.get(id)!.kind === 'rounded').sort((a, b) => figures.get(a)! - figures.get(b)!)[0];
    if (second) cells.set(second, { kind: 'suppressed' });
    else total = { kind: 'suppressed' };
  }
  return { cells, total };
}

/** The number a chart may draw and a calculation may use: never a hidden one. */
export function visibleValue(cell: Cell): number | null {
  return cell.kind === 'exact' || cell.kind === 'rounded' ? cell.value : null;
}

const integer = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 1 });

export function formatCell(cell: Cell, isCount = true): string {
  switch (cell.kind) {
    case 'exact':
    case 'rounded':
      return (isCount ? integer : decimal).format(cell.value);
    case 'small':
      return `< ${cell.threshold}`;
    case 'suppressed':
      return 'afgeschermd';
    case 'missing':
      return '–';
  }
}
