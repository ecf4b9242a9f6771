// Which source the monitor shows for an indicator: a deliberate choice, never the alphabetical order of
// source names. The region may choose one; otherwise CBS (open data, the same definition everywhere),
// else the region's own import, else each gemeente's own figures in its own column. A gemeente's import
// never changes what the region or another gemeente sees.

export interface SourceCandidate {
  source: string;
  isCbs: boolean;
  /** The workspace whose import put the figures in. */
  importedBy: string;
  /** When its latest import was applied (ISO): among equals, the most recent wins. */
  appliedAt: string;
}

/** A source as the monitor shows it: a name, and the workspace whose import it is. */
export interface SourceKey {
  source: string;
  importedBy: string;
}

export type SourcePick =
  | ({ mode: 'chosen' | 'cbs' | 'region' } & SourceKey)
  /** Per gemeente, the source of its own import (gemeente id → source). */
  | { mode: 'own'; sources: ReadonlyMap<string, string> };

export const SOURCE_MODE_LABELS: Record<SourcePick['mode'], string> = {
  chosen: 'gekozen door de regio',
  cbs: 'automatisch: CBS',
  region: 'automatisch: de eigen import van de regio',
  own: 'automatisch: per gemeente haar eigen cijfers',
};

const latestFirst = (a: SourceCandidate, b: SourceCandidate) => b.appliedAt.localeCompare(a.appliedAt);

/**
 * The pick for one indicator, from the sources that have figures for it; null when there are none. Only
 * the region's own imports count for CBS and the region's default: a gemeente's import (CBS or not) only
 * fills its own column, and only where the region has nothing.
 */
export function pickSource(
  candidates: readonly SourceCandidate[],
  regionId: string,
  chosen: string | null | undefined
): SourcePick | null {
  const regional = candidates.filter((c) => c.importedBy === regionId).sort(latestFirst);
  if (chosen) {
    // The region's source of that name, else a gemeente's (a choice the region made on purpose).
    const match = regional.find((c) => c.source === chosen) ?? [...candidates].sort(latestFirst).find((c) => c.source === chosen);
    if (match) return { mode: 'chosen', source: match.source, importedBy: match.importedBy };
  }
  const cbs = regional.find((c) => c.isCbs);
  if (cbs) return { mode: 'cbs', source: cbs.source, importedBy: regionId };
  if (regional[0]) return { mode: 'region', source: regional[0].source, importedBy: regionId };
  const own = new Map<string, string>();
  for (const c of [...candidates].sort(latestFirst)) if (!own.has(c.importedBy)) own.set(c.importedBy, c.source);
  return own.size > 0 ? { mode: 'own', sources: own } : null;
}

/** Whether a figure of `gemeenteId` from `source`, put in by `importedBy`, is the one the pick shows. */
export function isPicked(pick: SourcePick, gemeenteId: string, source: string, importedBy: string): boolean {
  if (pick.mode !== 'own') return pick.source === source && pick.importedBy === importedBy;
  return importedBy === gemeenteId && pick.sources.get(gemeenteId) === source;
}
