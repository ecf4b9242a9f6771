// Where the monitor's figures come from: the region's choice of source per indicator, what each source is
// (definition, fetch date, CBS table and topic), and one indicator from every source side by side.
import type { Kysely } from 'kysely';
import type { Database, Workspace } from '../../../db/schema.ts';
import { formatCell, protectRow, visibleValue, type Protection } from './disclosure.ts';
import type { CbsLink } from './import-rows.ts';
import type { ShownCell } from './monitor-row.ts';
import type { SourcePick } from './source-choice.ts';
import { nowIso } from '../../lib/time.ts';
import { writeAudit } from '../../core/audit.server.ts';
import { listIndicators, type IndicatorInfo, type SettingChange } from './indicators.server.ts';
import { inTransaction } from '../../core/transaction.server.ts';
import { regionOf } from '../../core/workspaces.server.ts';

export interface SourceInfo {
  name: string;
  definition: string;
  retrievedAt: string | null;
  /** How the monitor came to show this source (absent where no choice is made, as in a comparison). */
  mode?: SourcePick['mode'];
  /** For CBS: the table, topic and categories the figures are, in CBS's words. */
  cbs?: { table: string; topic: string; categories: string[] };
}

export function describePick(
  pick: SourcePick,
  indicatorId: string,
  infoOf: (indicatorId: string, source: string, importedBy: string) => SourceInfo
): SourceInfo {
  if (pick.mode !== 'own') return { ...infoOf(indicatorId, pick.source, pick.importedBy), mode: pick.mode };
  const names = [...new Set(pick.sources.values())].sort((a, b) => a.localeCompare(b, 'nl'));
  const infos = [...pick.sources].map(([gemeente, name]) => infoOf(indicatorId, name, gemeente));
  return {
    name: `Eigen cijfers per gemeente (${names.join(', ')})`,
    definition: infos.map((i) => `${i.name}: ${i.definition || 'geen definitie vastgelegd'}`).join(' '),
    retrievedAt:
      infos
        .map((i) => i.retrievedAt ?? '')
        .sort()
        .at(-1) || null,
    mode: 'own',
  };
}

/** The sources the region chose, per indicator. */
export async function sourceChoices(db: Kysely<Database>, regionId: string) {
  const rows = await db
    .selectFrom('indicator_sources')
    .leftJoin('users', 'users.id', 'indicator_sources.chosen_by')
    .select([
      'indicator_sources.indicator_id as indicatorId',
      'indicator_sources.source',
      'indicator_sources.chosen_at as chosenAt',
      'users.name as chosenBy',
    ])
    .where('indicator_sources.region_id', '=', regionId)
    .execute();
  return new Map(rows.map((r) => [r.indicatorId, r]));
}

/** The region chooses the source the monitor shows for an indicator, or (null) goes back to the default order. */
export async function chooseSource(
  db: Kysely<Database>,
  indicatorId: string,
  source: string | null,
  by: SettingChange
): Promise<void> {
  await inTransaction(db, async (trx) => {
    const before = await trx
      .selectFrom('indicator_sources')
      .select('source')
      .where('region_id', '=', by.workspaceId)
      .where('indicator_id', '=', indicatorId)
      .executeTakeFirst();
    if ((before?.source ?? null) === source) return;
    if (source === null) {
      await trx
        .deleteFrom('indicator_sources')
        .where('region_id', '=', by.workspaceId)
        .where('indicator_id', '=', indicatorId)
        .execute();
    } else {
      await trx
        .insertInto('indicator_sources')
        .values({ region_id: by.workspaceId, indicator_id: indicatorId, source, chosen_by: by.actorId, chosen_at: nowIso() })
        .onConflict((oc) =>
          oc.columns(['region_id', 'indicator_id']).doUpdateSet({ source, chosen_by: by.actorId, chosen_at: nowIso() })
        )
        .execute();
    }
    await writeAudit(trx, {
      actorId: by.actorId,
      workspaceId: by.workspaceId,
      action: 'indicator.source',
      entityType: 'indicator',
      entityId: indicatorId,
      details: { from: before?.source ?? null, to: source },
    });
  });
}

/** Sources in the order the monitor prefers them: CBS first, then by name. */
export const sourceOrder = (a: string, b: string) =>
  Number(b.startsWith('CBS')) - Number(a.startsWith('CBS')) || a.localeCompare(b, 'nl');

/** The imports the figures came from, by id. */
export async function importsOf(db: Kysely<Database>, figures: ReadonlyArray<{ importId: string }>) {
  const ids = [...new Set(figures.map((f) => f.importId))];
  const rows = ids.length
    ? await db
        .selectFrom('data_imports')
        .select(['id', 'kind', 'source', 'definition', 'applied_at as appliedAt', 'cbs_link as cbsLink'])
        .where('id', 'in', ids)
        .execute()
    : [];
  return new Map(rows.map((i) => [i.id, i]));
}

/**
 * Where each indicator's figures come from, per source: the definition, when it was fetched and, for CBS,
 * what the figures are (from the latest import of that source holding figures of the indicator).
 */
export function sourceInfos(
  figures: ReadonlyArray<{ indicatorId: string; source: string; importId: string; importedBy: string }>,
  imports: Awaited<ReturnType<typeof importsOf>>
) {
  const latest = new Map<string, { indicatorId: string; appliedAt: string; importId: string }>();
  for (const f of figures) {
    const key = `${f.indicatorId}|${f.source}|${f.importedBy}`;
    const appliedAt = imports.get(f.importId)?.appliedAt ?? '';
    const known = latest.get(key);
    if (!known || appliedAt > known.appliedAt) latest.set(key, { indicatorId: f.indicatorId, appliedAt, importId: f.importId });
  }
  return (indicatorId: string, source: string, importedBy: string): SourceInfo => {
    const found = latest.get(`${indicatorId}|${source}|${importedBy}`);
    const row = found && imports.get(found.importId);
    if (!row) return { name: source, definition: '', retrievedAt: null };
    const link = row.cbsLink ? (JSON.parse(row.cbsLink) as CbsLink[]).find((l) => l.indicatorId === indicatorId) : undefined;
    return {
      name: row.source,
      definition: row.definition,
      retrievedAt: row.appliedAt,
      ...(link
        ? {
            cbs: {
              table: link.table,
              topic: link.topicTitle,
              categories: link.categories.map((c) => `${c.dimensionTitle}: ${c.title}`),
            },
          }
        : {}),
    };
  };
}

export interface SourceComparison {
  indicator: IndicatorInfo;
  /** Every source with figures for this indicator in the region, any year. */
  allSources: string[];
  period: string | null;
  periods: string[];
  sources: SourceInfo[];
  rows: Array<{ gemeente: { id: string; name: string }; values: ShownCell[]; difference: number | null }>;
}

/** One indicator from every source side by side per gemeente, with the difference between the first two. */
export async function compareSources(
  db: Kysely<Database>,
  workspace: Workspace,
  indicatorId: string,
  period: string | null,
  exactFor: ReadonlySet<string>
): Promise<SourceComparison | null> {
  const indicator = (await listIndicators(db)).find((i) => i.id === indicatorId);
  if (!indicator) return null;
  const { region, gemeenten } = await regionOf(db, workspace);
  const gemeenteIds = gemeenten.map((g) => g.id);
  const observations = await db
    .selectFrom('observations')
    .select([
      'workspace_id as workspaceId',
      'period',
      'value',
      'source',
      'import_id as importId',
      'indicator_id as indicatorId',
      'imported_by as importedBy',
    ])
    .where('indicator_id', '=', indicatorId)
    .where('workspace_id', 'in', gemeenteIds.length ? gemeenteIds : [''])
    .execute();
  const periods = [...new Set(observations.map((o) => o.period))].sort().reverse();
  const chosen = period && periods.includes(period) ? period : (periods[0] ?? null);
  // A source is a name and the workspace whose import it is: a gemeente's own import is its own column.
  const keyOf = (o: { source: string; importedBy: string }) => `${o.importedBy}|${o.source}`;
  const keys = [...new Map(observations.filter((o) => o.period === chosen).map((o) => [keyOf(o), o])).values()].sort(
    (a, b) => Number(b.importedBy === region.id) - Number(a.importedBy === region.id) || sourceOrder(a.source, b.source)
  );
  const protection: Protection = { isCount: indicator.isCount, threshold: indicator.threshold, exactFor };
  const perSource = keys.map((key) =>
    protectRow(
      new Map(observations.filter((o) => keyOf(o) === keyOf(key) && o.period === chosen).map((o) => [o.workspaceId, o.value])),
      gemeenteIds,
      protection
    )
  );
  const rows = gemeenten.map((g) => {
    const values = perSource.map((row) => {
      const cell = row.cells.get(g.id)!;
      return {
        kind: cell.kind,
        display: formatCell(cell, indicator.isCount),
        value: visibleValue(cell),
        perThousand: null,
        index: null,
      };
    });
    const [a, b] = values;
    return {
      gemeente: { id: g.id, name: g.name },
      values,
      difference: a?.value != null && b?.value != null ? b.value - a.value : null,
    };
  });
  const infoOf = sourceInfos(observations, await importsOf(db, observations));
  const allSources = [...new Set(observations.map((o) => o.source))].sort(sourceOrder);
  const sources = keys.map((k) => {
    const info = infoOf(indicatorId, k.source, k.importedBy);
    const owner = gemeenten.find((g) => g.id === k.importedBy);
    return owner ? { ...info, name: `${info.name} (eigen import ${owner.name})` } : info;
  });
  return { indicator, allSources, period: chosen, periods, sources, rows };
}
