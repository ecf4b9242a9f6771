// The regional monitor: figures per gemeente for a year, the regional total, per 1,000 inhabitants and
// an index against the regional average, with trends over the years — protected for whoever looks.
import { sql, type Kysely } from 'kysely';
import type { Database, Workspace } from '../../../db/schema.ts';
import { POPULATION_INDICATOR } from './catalogue.ts';
import { protectRow, type Protection } from './disclosure.ts';
import { showRow as showProtectedRow, type ShownCell } from './monitor-row.ts';
import { isPicked, pickSource, type SourceCandidate, type SourcePick } from './source-choice.ts';
import { seesExactFigures } from '../../auth/permissions.ts';
import { listIndicators, listTargetGroups, type IndicatorInfo } from './indicators.server.ts';
import { loadActor } from '../../core/memberships.server.ts';
import { describePick, importsOf, sourceChoices, sourceInfos, type SourceInfo } from './sources.server.ts';
import { regionOf } from '../../core/workspaces.server.ts';

export interface IndicatorRow {
  indicator: IndicatorInfo;
  source: SourceInfo | null;
  cells: Record<string, ShownCell>;
  total: ShownCell;
  /** How many gemeenten the total covers (the others have no figure for that year). */
  covered: number;
  /** The shown year's figures as their source names the moment ('2023 januari'), and whether any is provisional. */
  moment: { peildata: string[]; provisional: boolean };
  /**
   * The regional total for every year, oldest first, with the gemeenten asked for (the page: only its
   * own gemeente, if any; an export: all of them).
   */
  trend: Array<{ period: string; total: ShownCell; cells: Record<string, ShownCell> }>;
}

export interface MonitorView {
  region: { id: string; name: string };
  gemeenten: Array<{ id: string; name: string; slug: string }>;
  groups: Array<{ id: string; name: string }>;
  groupId: string | null;
  periods: string[];
  period: string | null;
  rows: IndicatorRow[];
  /** The gemeenten whose figures this viewer sees exactly (their own). */
  exactFor: string[];
}

/** The gemeenten of this workspace's region whose figures this user sees exactly (see permissions.ts). */
export async function exactFiguresFor(
  db: Kysely<Database>,
  user: { id: string; isAdmin: boolean },
  workspace: Workspace
): Promise<Set<string>> {
  const [{ gemeenten }, actor] = await Promise.all([regionOf(db, workspace), loadActor(db, user)]);
  return new Set(gemeenten.filter((g) => seesExactFigures(actor, g)).map((g) => g.id));
}

type MonitorArgs = [
  workspace: Workspace,
  query: { groupId: string | null; period: string | null },
  exactFor: ReadonlySet<string>,
  trendFor?: 'own' | 'all',
  /** Which of the rows with figures get their trend (the page charts a few at a time); all when absent. */
  trendRows?: { offset: number; count: number },
];

// Views already computed, per database, keyed by the analysis data version (raised by triggers on every
// write to the monitor's tables, migration 0007) and everything else the view depends on. A view is
// shared between requests: callers never change it.
const VIEWS_KEPT = 32;
const views = new WeakMap<Kysely<Database>, Map<string, MonitorView>>();

/** The monitor as this viewer may see it; the same view again while no figure, import or setting changed. */
export async function loadMonitor(db: Kysely<Database>, ...args: MonitorArgs): Promise<MonitorView> {
  // Read the version before the data: a view stored under it is then never older than the version says.
  const { version } = await db
    .selectFrom('data_versions')
    .select('version')
    .where('name', '=', 'analysis')
    .executeTakeFirstOrThrow();
  const [workspace, query, exactFor, trendFor = 'own', trendRows] = args;
  const key = JSON.stringify([version, workspace.id, query.groupId, query.period, [...exactFor].sort(), trendFor, trendRows]);
  const kept = views.get(db) ?? views.set(db, new Map()).get(db)!;
  const known = kept.get(key);
  if (known) {
    kept.delete(key); // most recently used last
    kept.set(key, known);
    return known;
  }
  const view = await computeMonitor(db, workspace, query, exactFor, trendFor, trendRows);
  kept.set(key, view);
  if (kept.size > VIEWS_KEPT) kept.delete(kept.keys().next().value!);
  return view;
}

async function computeMonitor(
  db: Kysely<Database>,
  ...[workspace, query, exactFor, trendFor = 'own', trendRows]: MonitorArgs
): Promise<MonitorView> {
  const { region, gemeenten } = await regionOf(db, workspace);
  const [groups, allIndicators] = await Promise.all([listTargetGroups(db), listIndicators(db)]);
  const groupId = query.groupId && groups.some((g) => g.id === query.groupId) ? query.groupId : null;
  const indicators = allIndicators
    .filter((i) => i.id === POPULATION_INDICATOR || !groupId || i.targetGroupId === groupId)
    .sort((a, b) => Number(b.id === POPULATION_INDICATOR) - Number(a.id === POPULATION_INDICATOR));
  const gemeenteIds = gemeenten.map((g) => g.id);
  const [observations, choices] = await Promise.all([
    figuresOf(
      db,
      gemeenteIds,
      indicators.map((i) => i.id)
    ),
    sourceChoices(db, region.id),
  ]);
  const imports = await importsOf(db, observations);

  // One source per indicator, so that gemeenten are compared on the same definition (see source-choice.ts).
  const candidatesOf = new Map<string, Map<string, SourceCandidate>>();
  for (const o of observations) {
    const byKey = candidatesOf.get(o.indicatorId) ?? candidatesOf.set(o.indicatorId, new Map()).get(o.indicatorId)!;
    const key = `${o.source}|${o.importedBy}`;
    const known = byKey.get(key);
    const i = imports.get(o.importId);
    if (!known || (i?.appliedAt ?? '') > known.appliedAt)
      byKey.set(key, { source: o.source, isCbs: i?.kind === 'cbs', importedBy: o.importedBy, appliedAt: i?.appliedAt ?? '' });
  }
  const picks = new Map<string, SourcePick>();
  for (const [indicatorId, candidates] of candidatesOf) {
    const pick = pickSource([...candidates.values()], region.id, choices.get(indicatorId)?.source);
    if (pick) picks.set(indicatorId, pick);
  }
  const values = new Map<string, Map<string, Map<string, number>>>(); // indicator → period → gemeente → value
  const moments = new Map<string, { peildata: Set<string>; provisional: boolean }>(); // indicator|period
  for (const o of observations) {
    const pick = picks.get(o.indicatorId);
    if (!pick || !isPicked(pick, o.workspaceId, o.source, o.importedBy)) continue;
    const moment = moments.get(`${o.indicatorId}|${o.period}`) ?? { peildata: new Set<string>(), provisional: false };
    if (o.peildatum) moment.peildata.add(o.peildatum);
    if (o.status && /voorlopig/i.test(o.status)) moment.provisional = true;
    moments.set(`${o.indicatorId}|${o.period}`, moment);
    const byPeriod = values.get(o.indicatorId) ?? values.set(o.indicatorId, new Map()).get(o.indicatorId)!;
    (byPeriod.get(o.period) ?? byPeriod.set(o.period, new Map()).get(o.period)!).set(o.workspaceId, o.value);
  }
  // The years of the figures shown, not of every source's.
  const periods = [...new Set([...values.values()].flatMap((byPeriod) => [...byPeriod.keys()]))].sort().reverse();
  const period = query.period && periods.includes(query.period) ? query.period : (periods[0] ?? null);

  const protectionOf = (i: IndicatorInfo): Protection => ({ isCount: i.isCount, threshold: i.threshold, exactFor });
  const population = indicators.find((i) => i.id === POPULATION_INDICATOR);
  const populationRow = (p: string) =>
    population ? protectRow(values.get(population.id)?.get(p) ?? new Map(), gemeenteIds, protectionOf(population)) : null;

  const showRow = (indicator: IndicatorInfo, p: string) =>
    showProtectedRow(
      values.get(indicator.id)?.get(p) ?? new Map<string, number>(),
      gemeenteIds,
      protectionOf(indicator),
      populationRow(p),
      indicator.isCount && indicator.id !== POPULATION_INDICATOR
    );

  const infoOf = sourceInfos(observations, imports);
  const rows: IndicatorRow[] = [];
  let withData = 0;
  for (const indicator of indicators) {
    const pick = picks.get(indicator.id);
    const position = pick ? withData++ : -1;
    const trended = !trendRows || (position >= trendRows.offset && position < trendRows.offset + trendRows.count);
    const current = period ? showRow(indicator, period) : null;
    const empty: ShownCell = { kind: 'missing', display: '–', value: null, perThousand: null, index: null };
    rows.push({
      indicator,
      source: pick ? describePick(pick, indicator.id, infoOf) : null,
      cells: current?.cells ?? Object.fromEntries(gemeenteIds.map((id) => [id, empty])),
      total: current?.total ?? empty,
      covered: current?.covered ?? 0,
      moment: ((m) => ({ peildata: [...(m?.peildata ?? [])].sort(), provisional: m?.provisional ?? false }))(
        period ? moments.get(`${indicator.id}|${period}`) : undefined
      ),
      trend: (trended ? [...periods].reverse() : []).map((p) => {
        const year = showRow(indicator, p);
        const cells =
          trendFor === 'all' ? year.cells : workspace.kind === 'gemeente' ? { [workspace.id]: year.cells[workspace.id]! } : {};
        return { period: p, total: year.total, cells };
      }),
    });
  }
  return {
    region: { id: region.id, name: region.name },
    gemeenten: gemeenten.map(({ id, name, slug }) => ({ id, name, slug })),
    groups: groups.map(({ id, name }) => ({ id, name })),
    groupId,
    periods,
    period,
    rows,
    exactFor: [...exactFor],
  };
}

/**
 * Every figure of these indicators in these gemeenten. SQLite hands them over grouped per indicator,
 * gemeente and source as JSON: reading thousands of rows with their ids as separate strings took twice
 * as long (bench/import).
 */
async function figuresOf(db: Kysely<Database>, gemeenteIds: readonly string[], indicatorIds: readonly string[]) {
  if (gemeenteIds.length === 0 || indicatorIds.length === 0) return [];
  const groups = await db
    .selectFrom('observations')
    .select([
      'indicator_id as indicatorId',
      'workspace_id as workspaceId',
      'source',
      'imported_by as importedBy',
      sql<string>`json_group_array(json_array(period, value, peildatum, status, import_id))`.as('figures'),
    ])
    .where('workspace_id', 'in', [...gemeenteIds])
    .where('indicator_id', 'in', [...indicatorIds])
    .groupBy(['indicator_id', 'workspace_id', 'source', 'imported_by'])
    .execute();
  // Plain objects of one shape (no spread): the monitor walks thousands of them.
  return groups.flatMap((g) =>
    (JSON.parse(g.figures) as Array<[string, number, string | null, string | null, string]>).map((f) => ({
      indicatorId: g.indicatorId,
      workspaceId: g.workspaceId,
      source: g.source,
      importedBy: g.importedBy,
      period: f[0],
      value: f[1],
      peildatum: f[2],
      status: f[3],
      importId: f[4],
    }))
  );
}
