// The changed figures of an import preview as this viewer may see them: exact only for their own
// gemeente (and for figures that are no count of people), otherwise protected as in the monitor. Whoever
// may still apply an import sees its new figures ('Wordt') exactly, as in the file they check: those are
// theirs, not yet anyone else's. The figures it replaces ('Was') stay protected: others may have put
// them in.
import type { Kysely } from 'kysely';
import type { Database, Workspace } from '../../../db/schema.ts';
import { exactFiguresFor } from './monitor.server.ts';
import { listIndicators } from './indicators.server.ts';
import { regionOf } from '../../core/workspaces.server.ts';
import { formatCell, protectFigure } from './disclosure.ts';
import type { ImportExample } from './import-rows.ts';

export interface ShownExample {
  workspaceId: string;
  indicatorId: string;
  period: string;
  gemeente: string;
  indicator: string;
  from: string | null;
  to: string | null;
  /** Lower case ('voorlopig'), only where the status changes. */
  fromStatus?: string | null;
  toStatus?: string | null;
}

/** CBS's status in a sentence: 'Nader voorlopig' → 'nader voorlopig'; none → 'zonder status'. */
export const statusLabel = (status: string | null | undefined) => (status ? status.toLowerCase() : 'zonder status');

export async function exampleViewer(
  db: Kysely<Database>,
  user: { id: string; isAdmin: boolean },
  workspace: Workspace,
  options: { newFiguresExact?: boolean } = {}
) {
  const [{ gemeenten }, indicators, exactFor] = await Promise.all([
    regionOf(db, workspace),
    listIndicators(db),
    exactFiguresFor(db, user, workspace),
  ]);
  const gemeente = new Map(gemeenten.map((g) => [g.id, g.name]));
  const indicator = new Map(indicators.map((i) => [i.id, i]));
  const shown = (workspaceId: string, indicatorId: string, value: number | null, exact = false) => {
    const info = indicator.get(indicatorId);
    if (value === null) return null;
    if (exact) return formatCell({ kind: 'exact', value }, info?.isCount ?? true);
    const cell = protectFigure(workspaceId, value, {
      isCount: info?.isCount ?? true,
      threshold: info?.threshold ?? 10,
      exactFor,
    });
    return formatCell(cell, info?.isCount ?? true);
  };
  return {
    indicatorName: (id: string) => indicator.get(id)?.name ?? id,
    show: (e: ImportExample): ShownExample => ({
      workspaceId: e.workspaceId,
      indicatorId: e.indicatorId,
      period: e.period,
      from: shown(e.workspaceId, e.indicatorId, e.from),
      to: shown(e.workspaceId, e.indicatorId, e.to, options.newFiguresExact),
      gemeente: gemeente.get(e.workspaceId) ?? '?',
      indicator: indicator.get(e.indicatorId)?.name ?? e.indicatorId,
      ...(e.fromStatus !== undefined || e.toStatus !== undefined
        ? { fromStatus: statusLabel(e.fromStatus), toStatus: statusLabel(e.toStatus) }
        : {}),
    }),
  };
}
