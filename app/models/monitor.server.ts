// The regional monitor: figures per gemeente for a year, the regional total, per 1,000 inhabitants and
// an index against the regional average, with trends over the years — protected for whoever looks.
import { sql, type Kysely } from 'kysely';
import type { Database, IndicatorUnit, Workspace } from '../../db/schema.ts';
import { POPULATION_INDICATOR } from '../analysis/catalogue.ts';
import { formatCell, protectRow, visibleValue, type Cell, type Protection } from '../analysis/disclosure.ts';
import type { CbsLink } from '../analysis/import-rows.ts';
import { isPicked, pickSource, type SourceCandidate, type SourcePick } from '../analysis/source-choice.ts';
import { seesExactFigures } from '../auth/permissions.ts';
import { nowIso } from '../lib/time.ts';
import { loadActor } from './memberships.server.ts';
import { writeAudit } from './audit.server.ts';
import { inTransaction } from './transaction.server.ts';

export interface IndicatorInfo {
  id: string;
  name: string;
  unit: IndicatorUnit;
  targetGroupId: string | null;
  definition: string;
  isCount: boolean;
  threshold: number;
}

export interface ShownCell {
  kind: Cell['kind'];
  display: string;
  /** What a chart may draw: null when hidden or missing. */
  value: number | null;
  perThousand: number | null;
  /** Per 1,000 against the regional per 1,000, × 100. */
  index: number | null;
}

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

export interface SourceInfo {
  name: string;
  definition: string;
  retrievedAt: string | null;
  /** How the monitor came to show this source (absent where no choice is made, as in a comparison). */
  mode?: SourcePick['mode'];
  /** For CBS: the table, topic and categories the figures are, in CBS's words. */
  cbs?: { table: string; topic: string; categories: string[] };
}

function describePick(
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

export async function regionOf(db: Kysely<Database>, workspace: Workspace) {
  const region =
    workspace.kind === 'regio'
      ? workspace
      : await db.selectFrom('workspaces').selectAll().where('id', '=', workspace.parent_id!).executeTakeFirstOrThrow();
  const gemeenten = await db
    .selectFrom('workspaces')
    .select(['id', 'name', 'slug', 'cbs_code as cbsCode'])
    .where('parent_id', '=', region.id)
    .orderBy('name')
    .execute();
  return { region, gemeenten };
}

/** The gemeenten a workspace imports figures for: all of the region's, or a gemeente's own. */
export async function importScope(db: Kysely<Database>, workspace: Workspace) {
  const { gemeenten } = await regionOf(db, workspace);
  return workspace.kind === 'regio' ? gemeenten : gemeenten.filter((g) => g.id === workspace.id);
}

export async function listIndicators(db: Kysely<Database>): Promise<IndicatorInfo[]> {
  const rows = await db.selectFrom('indicators').selectAll().orderBy('name').execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    unit: r.unit,
    targetGroupId: r.target_group_id,
    definition: r.definition,
    isCount: r.is_count === 1,
    threshold: r.small_threshold,
  }));
}

export async function addTargetGroup(
  db: Kysely<Database>,
  values: { name: string; description: string },
  actorId: string
): Promise<string> {
  return inTransaction(db, async (trx) => {
    const base = keyFromName(values.name);
    const taken = await trx.selectFrom('target_groups').select(['id', 'position']).execute();
    const id = taken.some((t) => t.id === base) ? `${base}-${taken.length + 1}` : base || `groep-${taken.length + 1}`;
    const position = Math.max(-1, ...taken.map((t) => t.position)) + 1;
    await trx
      .insertInto('target_groups')
      .values({ id, name: values.name, description: values.description, position, created_at: nowIso() })
      .execute();
    await writeAudit(trx, {
      actorId,
      action: 'target_group.create',
      entityType: 'target_group',
      entityId: id,
      details: { name: values.name },
    });
    return id;
  });
}

/** A stable key from a Dutch name: 'Wachtenden op een sociale huurwoning' → 'wachtenden-op-een-sociale-huurwoning'. */
export function keyFromName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
}

export interface NewIndicator {
  name: string;
  unit: IndicatorUnit;
  targetGroupId: string | null;
  definition: string;
  source: string;
  isCount: boolean;
  threshold: number;
}

/** Adds an indicator; null when its key (from the name) is taken. */
/** Who changed a regional setting, and in which workspace (the region's: its logboek shows it). */
export interface SettingChange {
  actorId: string;
  workspaceId: string;
}

export async function addIndicator(db: Kysely<Database>, values: NewIndicator, by: SettingChange): Promise<string | null> {
  return inTransaction(db, async (trx) => {
    const id = keyFromName(values.name);
    if (!id || (await trx.selectFrom('indicators').select('id').where('id', '=', id).executeTakeFirst())) return null;
    await trx
      .insertInto('indicators')
      .values({
        id,
        name: values.name,
        unit: values.unit,
        target_group_id: values.targetGroupId,
        definition: values.definition,
        source: values.source,
        is_count: values.isCount ? 1 : 0,
        small_threshold: values.threshold,
        created_at: nowIso(),
      })
      .execute();
    await writeAudit(trx, {
      actorId: by.actorId,
      workspaceId: by.workspaceId,
      action: 'indicator.create',
      entityType: 'indicator',
      entityId: id,
      details: { name: values.name },
    });
    return id;
  });
}

/** The count below which an indicator's figures are hidden outside the gemeente's own members. */
export async function setThreshold(
  db: Kysely<Database>,
  indicatorId: string,
  threshold: number,
  by: SettingChange
): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const existing = await trx
      .selectFrom('indicators')
      .select('small_threshold')
      .where('id', '=', indicatorId)
      .executeTakeFirst();
    if (!existing) return false;
    await trx.updateTable('indicators').set({ small_threshold: threshold }).where('id', '=', indicatorId).execute();
    await writeAudit(trx, {
      actorId: by.actorId,
      workspaceId: by.workspaceId,
      action: 'indicator.threshold',
      entityType: 'indicator',
      entityId: indicatorId,
      details: { from: existing.small_threshold, to: threshold },
    });
    return true;
  });
}

export async function listTargetGroups(db: Kysely<Database>) {
  return db.selectFrom('target_groups').select(['id', 'name', 'description']).orderBy('position').orderBy('name').execute();
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

/** Sources in the order the monitor prefers them: CBS first, then by name. */
const sourceOrder = (a: string, b: string) =>
  Number(b.startsWith('CBS')) - Number(a.startsWith('CBS')) || a.localeCompare(b, 'nl');

type MonitorArgs = [
  workspace: Workspace,
  query: { groupId: string | null; period: string | null },
  exactFor: ReadonlySet<string>,
  trendFor?: 'own' | 'all',
  /** Which of the rows with figures get their trend (the page charts a few at a time); all when absent. */
  trendRows?: { offset: number; count: number }
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
  const period = query.period && periods.includes(query.period) ? query.period : periods[0] ?? null;

  const protectionOf = (i: IndicatorInfo): Protection => ({ isCount: i.isCount, threshold: i.threshold, exactFor });
  const population = indicators.find((i) => i.id === POPULATION_INDICATOR);
  const populationRow = (p: string) =>
    population ? protectRow(values.get(population.id)?.get(p) ?? new Map(), gemeenteIds, protectionOf(population)) : null;

  const showRow = (indicator: IndicatorInfo, p: string) => {
    const figures = values.get(indicator.id)?.get(p) ?? new Map<string, number>();
    const row = protectRow(figures, gemeenteIds, protectionOf(indicator));
    const inhabitants = populationRow(p);
    const rated = indicator.isCount && indicator.id !== POPULATION_INDICATOR;
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
        display: formatCell(cell, indicator.isCount),
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
  };

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
 * Where each indicator's figures come from, per source: the definition, when it was fetched and, for CBS,
 * what the figures are (from the latest import of that source holding figures of the indicator).
 */
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

/** The imports the figures came from, by id. */
async function importsOf(db: Kysely<Database>, figures: ReadonlyArray<{ importId: string }>) {
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

function sourceInfos(
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
  const chosen = period && periods.includes(period) ? period : periods[0] ?? null;
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
