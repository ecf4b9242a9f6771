// The region dashboard: where each workspace stands in the four steps, its actions, what is overdue, the
// knelpunten nobody acts on, the woondeals' actions and what changed since the user's previous visit.
// Each section is ONE query over the whole scope (grouped or ranked per workspace), so the number of
// statements per request does not grow with the number of workspaces or actions
// (tests/integration/dashboard.test.ts counts them; bench/dashboard.ts times them). A dashboard already built
// for the same viewer and day is served from memory until the database says its data changed.
import { sql, type Kysely } from 'kysely';
import type { ActionStatus, Database, StepStatus, Workspace, WorkspaceKind } from '../../../db/schema.ts';
import { can, type Actor, type WorkspaceRef } from '../../auth/permissions.ts';
import { ACTION_STATUSES } from '../../core/labels.ts';
import { todayInNetherlands } from '../../lib/time.ts';

/** Overdue actions listed per workspace; the rest is "en N meer". */
export const OVERDUE_PER_WORKSPACE = 5;
/** Actions listed per woondeal. */
export const ACTIONS_PER_WOONDEAL = 5;
/** Knelpunten without an action listed. */
export const KNELPUNTEN_SHOWN = 30;
/** Changes listed; the count goes on up to CHANGES_COUNTED. */
export const CHANGES_SHOWN = 20;
export const CHANGES_COUNTED = 1000;
/** A dashboard seen again after this long is a new visit: "since" moves up to the end of the previous one. */
export const VISIT_GAP_MS = 30 * 60 * 1000;

const OPEN_STATUSES: ActionStatus[] = ['voorstel', 'besloten', 'in_uitvoering'];

export interface DashboardWorkspace {
  id: string;
  slug: string;
  name: string;
  title: string;
  kind: WorkspaceKind;
  /** The viewer may open this workspace's pages (links are shown only then). */
  canView: boolean;
}

export interface MatrixCell {
  workspaceId: string;
  number: number;
  status: StepStatus;
  ownerName: string | null;
  dueDate: string | null;
  overdue: boolean;
  checklistTotal: number;
  checklistDone: number;
}

export interface OverdueAction {
  id: string;
  workspaceId: string;
  title: string;
  dueDate: string;
  ownerName: string | null;
}

export interface Dashboard {
  today: string;
  workspaces: DashboardWorkspace[];
  cells: MatrixCell[];
  /** Per workspace id, per status: the number of actions. */
  actionCounts: Record<string, Record<ActionStatus, number>>;
  overdue: OverdueAction[];
  /** Per workspace id: how many actions are overdue in all. */
  overdueTotals: Record<string, number>;
  knelpunten: Array<{ id: string; workspaceId: string; title: string; level: string; status: string }>;
  knelpuntenTotal: number;
  woondeals: Array<{
    id: string;
    name: string;
    counts: Record<ActionStatus, number>;
    actions: Array<{ id: string; workspaceId: string; title: string; status: ActionStatus }>;
  }>;
  /** Null when the viewer may not read the audit log here. */
  changes: null | {
    since: string;
    firstVisit: boolean;
    /** Counted up to one more than `countedUpTo`: "meer dan …" beyond. */
    total: number;
    countedUpTo: number;
    rows: Array<{
      id: number;
      at: string;
      workspaceId: string;
      actorName: string | null;
      subjectName: string | null;
      action: string;
      entityId: string | null;
      details: Record<string, unknown>;
    }>;
  };
}

const emptyCounts = (): Record<ActionStatus, number> =>
  Object.fromEntries(ACTION_STATUSES.map((s) => [s, 0])) as Record<ActionStatus, number>;

const refOf = (w: Pick<Workspace, 'id' | 'kind' | 'parent_id'>): WorkspaceRef => ({
  id: w.id,
  kind: w.kind,
  parentId: w.parent_id,
});

/**
 * The dashboard of `workspace` as `actor` sees it. In a region: the region and its gemeenten; in a
 * gemeente: the region and the gemeente itself. `recordVisit` (GET only) moves the user's visit on, in one
 * upsert; the changes list is read only by those who may read the audit log of this workspace.
 */
export async function loadDashboard(
  db: Kysely<Database>,
  {
    actor,
    userId,
    workspace,
    now = new Date(),
    recordVisit,
  }: { actor: Actor; userId: string; workspace: Workspace; now?: Date; recordVisit: boolean }
): Promise<Dashboard> {
  const nowIso = now.toISOString();
  // Since when changes are shown: only for those who may read this workspace's audit log.
  let since: string | null = null;
  if (can(actor, refOf(workspace), 'audit.view')) {
    since = recordVisit
      ? await recordDashboardVisit(db, userId, workspace.id, now)
      : ((
          await db
            .selectFrom('dashboard_visits')
            .select('since')
            .where('user_id', '=', userId)
            .where('workspace_id', '=', workspace.id)
            .executeTakeFirst()
        )?.since ?? nowIso);
  }
  // The database raises the dashboard's data version on every write to what it shows (migration 0012); with
  // the Dutch day (overdue), the viewer and their "since" it names one dashboard exactly.
  const version = await db.selectFrom('data_versions').select('version').where('name', '=', 'dashboard').executeTakeFirst();
  const key = JSON.stringify([workspace.id, userId, actor, todayInNetherlands(now), since, version?.version ?? 0]);
  let dashboard = cache.get(key);
  if (!dashboard) {
    dashboard = await buildDashboard(db, { actor, userId, workspace, now, since });
    cache.set(key, dashboard);
    if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  }
  return dashboard.changes ? { ...dashboard, changes: { ...dashboard.changes, firstVisit: since === nowIso } } : dashboard;
}

/** Dashboards recently built, by what they show (see loadDashboard); the oldest goes first. */
const cache = new Map<string, Dashboard>();
const CACHE_SIZE = 200;

async function buildDashboard(
  db: Kysely<Database>,
  {
    actor,
    userId,
    workspace,
    now,
    since,
  }: { actor: Actor; userId: string; workspace: Workspace; now: Date; since: string | null }
): Promise<Dashboard> {
  const today = todayInNetherlands(now);
  const regionId = workspace.kind === 'regio' ? workspace.id : workspace.parent_id;

  // 1. The scope: the region first, then its gemeenten by name.
  const scopeRows = await db
    .selectFrom('workspaces')
    .select(['id', 'slug', 'name', 'kind', 'parent_id'])
    .where((eb) =>
      workspace.kind === 'regio'
        ? eb.or([eb('id', '=', workspace.id), eb('parent_id', '=', workspace.id)])
        : eb('id', 'in', regionId ? [regionId, workspace.id] : [workspace.id])
    )
    .orderBy(sql`case when kind = 'regio' then 0 else 1 end`)
    .orderBy('name')
    .execute();
  const workspaces: DashboardWorkspace[] = scopeRows.map((w) => ({
    id: w.id,
    slug: w.slug,
    name: w.name,
    title: w.kind === 'gemeente' ? `Gemeente ${w.name}` : w.name,
    kind: w.kind,
    canView: can(actor, refOf(w), 'workspace.view'),
  }));
  const ids = workspaces.map((w) => w.id);

  // 2. The matrix: every step with its owner and its checklist's progress.
  const checklist = db
    .selectFrom('checklist_items')
    .select([
      'workspace_id',
      'step',
      (eb) => eb.fn.countAll<number>().as('total'),
      (eb) => eb.fn.count<number>('checked_at').as('done'),
    ])
    .where('workspace_id', 'in', ids)
    .groupBy(['workspace_id', 'step'])
    .as('checklist');
  const stepRows = await db
    .selectFrom('steps')
    .leftJoin('users as owner', 'owner.id', 'steps.owner_id')
    .leftJoin(checklist, (join) =>
      join.onRef('checklist.workspace_id', '=', 'steps.workspace_id').onRef('checklist.step', '=', 'steps.number')
    )
    .select([
      'steps.workspace_id as workspaceId',
      'steps.number',
      'steps.status',
      'steps.due_date as dueDate',
      'owner.name as ownerName',
      'checklist.total',
      'checklist.done',
    ])
    .where('steps.workspace_id', 'in', ids)
    .orderBy('steps.number')
    .execute();
  const cells: MatrixCell[] = stepRows.map((s) => ({
    workspaceId: s.workspaceId,
    number: s.number,
    status: s.status,
    ownerName: s.ownerName,
    dueDate: s.dueDate,
    overdue: s.status !== 'afgerond' && !!s.dueDate && s.dueDate < today,
    checklistTotal: Number(s.total ?? 0),
    checklistDone: Number(s.done ?? 0),
  }));

  // 3. Actions by status per workspace, and how many of the open ones are overdue (open and past their due
  //    date in the Netherlands), from the index actions(workspace_id, status, due_date) alone.
  const countRows = await db
    .selectFrom('actions')
    .select([
      'workspace_id as workspaceId',
      'status',
      (eb) => eb.fn.countAll<number>().as('n'),
      (eb) => eb.fn.sum<number>(eb.case().when('due_date', '<', today).then(1).else(0).end()).as('late'),
    ])
    .where('workspace_id', 'in', ids)
    .groupBy(['workspace_id', 'status'])
    .execute();
  const actionCounts = Object.fromEntries(ids.map((id) => [id, emptyCounts()]));
  const overdueTotals: Record<string, number> = Object.fromEntries(ids.map((id) => [id, 0]));
  for (const row of countRows) {
    actionCounts[row.workspaceId]![row.status] = Number(row.n);
    if (OPEN_STATUSES.includes(row.status)) overdueTotals[row.workspaceId]! += Number(row.late ?? 0);
  }

  // 4. The first few overdue actions of each workspace, soonest due first: one statement, a UNION ALL of one
  //    small index seek per workspace (actions_dashboard_due, migration 0011), each stopping at its limit;
  //    the table is read only for the rows shown. (A ROW_NUMBER() window over all overdue actions ranked
  //    thousands of rows to keep 45: ten times slower in bench/dashboard.ts.)
  const firstOverdue = ids
    .map((id) =>
      db
        .selectFrom((eb) =>
          eb
            .selectFrom('actions')
            .select(['id', 'workspace_id', 'due_date'])
            .where('workspace_id', '=', id)
            .where('status', 'in', OPEN_STATUSES)
            .where('due_date', '<', today)
            .orderBy('due_date')
            .orderBy('id')
            .limit(OVERDUE_PER_WORKSPACE)
            .as('one')
        )
        .selectAll()
    )
    .reduce((all, next) => all.unionAll(next))
    .as('first');
  const overdueRows = await db
    .selectFrom(firstOverdue)
    .innerJoin('actions', 'actions.id', 'first.id')
    .leftJoin('users as owner', 'owner.id', 'actions.owner_user_id')
    .leftJoin('organisations', 'organisations.id', 'actions.owner_organisation_id')
    .select([
      'actions.id',
      'actions.workspace_id as workspaceId',
      'actions.title',
      'actions.due_date as dueDate',
      'owner.name as ownerUserName',
      'organisations.name as ownerOrganisationName',
    ])
    .orderBy('first.workspace_id')
    .orderBy('first.due_date')
    .orderBy('first.id')
    .execute();
  const overdue: OverdueAction[] = overdueRows.map((row) => ({
    id: row.id,
    workspaceId: row.workspaceId,
    title: row.title,
    dueDate: row.dueDate!,
    ownerName: row.ownerUserName ?? row.ownerOrganisationName,
  }));

  // 5. Knelpunten that no action answers (resolved ones left out).
  const knelpuntRows = await db
    .selectFrom('knelpunten')
    .select([
      'knelpunten.id',
      'knelpunten.workspace_id as workspaceId',
      'knelpunten.title',
      'knelpunten.level',
      'knelpunten.status',
      sql<number>`count(*) over ()`.as('total'),
    ])
    .where('knelpunten.workspace_id', 'in', ids)
    .where('knelpunten.status', '<>', 'opgelost')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('action_knelpunten')
            .select('action_knelpunten.action_id')
            .whereRef('action_knelpunten.knelpunt_id', '=', 'knelpunten.id')
        )
      )
    )
    .orderBy('knelpunten.created_at')
    .limit(KNELPUNTEN_SHOWN)
    .execute();

  // 6. The region's woondeals with their actions in the scope, counted by status …
  const woondealRows = regionId
    ? await db
        .selectFrom('woondeals')
        .leftJoin('actions', (join) =>
          join.onRef('actions.woondeal_id', '=', 'woondeals.id').on('actions.workspace_id', 'in', ids)
        )
        .select([
          'woondeals.id',
          'woondeals.name',
          'woondeals.signed_on as signedOn',
          'actions.status',
          (eb) => eb.fn.count<number>('actions.id').as('n'),
        ])
        .where('woondeals.workspace_id', '=', regionId)
        .groupBy(['woondeals.id', 'woondeals.name', 'woondeals.signed_on', 'actions.status'])
        .orderBy('woondeals.signed_on')
        .orderBy('woondeals.name')
        .execute()
    : [];
  const woondeals = new Map<string, Dashboard['woondeals'][number]>();
  for (const row of woondealRows) {
    const deal = woondeals.get(row.id) ?? { id: row.id, name: row.name, counts: emptyCounts(), actions: [] };
    if (row.status) deal.counts[row.status] = Number(row.n);
    woondeals.set(row.id, deal);
  }
  // … and the first few actions serving each (open ones first, then by due date).
  if (woondeals.size > 0) {
    // As for the overdue actions: one limited index seek per woondeal (actions_dashboard_woondeal), in one statement.
    const firstPerDeal = [...woondeals.keys()]
      .map((dealId) =>
        db
          .selectFrom((eb) =>
            eb
              .selectFrom('actions')
              .select(['id', 'woondeal_id', 'status', 'due_date'])
              .where('woondeal_id', '=', dealId)
              .where('workspace_id', 'in', ids)
              .orderBy(sql`case when status in ('gereed', 'vervallen') then 1 else 0 end`)
              .orderBy('due_date')
              .orderBy('id')
              .limit(ACTIONS_PER_WOONDEAL)
              .as('one')
          )
          .selectAll()
      )
      .reduce((all, next) => all.unionAll(next))
      .as('first');
    const dealActions = await db
      .selectFrom(firstPerDeal)
      .innerJoin('actions', 'actions.id', 'first.id')
      .select([
        'actions.id',
        'actions.workspace_id as workspaceId',
        'first.woondeal_id as woondealId',
        'actions.title',
        'actions.status',
      ])
      .orderBy('first.woondeal_id')
      .orderBy(sql`case when first.status in ('gereed', 'vervallen') then 1 else 0 end`)
      .orderBy('first.due_date')
      .orderBy('first.id')
      .execute();
    for (const a of dealActions) {
      woondeals.get(a.woondealId!)?.actions.push({ id: a.id, workspaceId: a.workspaceId, title: a.title, status: a.status });
    }
  }

  // 7. What changed since the previous visit: only for those who may read this workspace's audit log (they
  //    have a "since"), and only from the workspaces of the scope whose log they may read.
  let changes: Dashboard['changes'] = null;
  if (since !== null) {
    const auditable = scopeRows.filter((w) => can(actor, refOf(w), 'audit.view')).map((w) => w.id);
    // The newest few are picked in the index (audit_log_dashboard, migration 0011); only they are read.
    const newest = auditFilter(db, auditable, since, userId)
      .select(['audit_log.id'])
      .orderBy('audit_log.at', 'desc')
      .orderBy('audit_log.id', 'desc')
      .limit(CHANGES_SHOWN)
      .as('newest');
    const rows = await db
      .selectFrom(newest)
      .innerJoin('audit_log', 'audit_log.id', 'newest.id')
      .leftJoin('users as actor', 'actor.id', 'audit_log.actor_id')
      .leftJoin('users as subject', (join) =>
        join.onRef('subject.id', '=', 'audit_log.entity_id').on('audit_log.entity_type', '=', 'user')
      )
      .select([
        'audit_log.id',
        'audit_log.at',
        'audit_log.workspace_id as workspaceId',
        'actor.name as actorName',
        'subject.name as subjectName',
        'audit_log.action',
        'audit_log.entity_id as entityId',
        'audit_log.details',
        // The whole count up to a limit, in the same statement: a year away is not a year of rows counted.
        (eb) =>
          eb
            .selectFrom(
              auditFilter(db, auditable, since, userId)
                .select(sql`1`.as('one'))
                .limit(CHANGES_COUNTED + 1)
                .as('counted')
            )
            .select((c) => c.fn.countAll<number>().as('n'))
            .as('total'),
      ])
      .orderBy('audit_log.at', 'desc')
      .orderBy('audit_log.id', 'desc')
      .execute();
    changes = {
      since,
      firstVisit: false, // set by loadDashboard
      total: Number(rows[0]?.total ?? 0),
      countedUpTo: CHANGES_COUNTED,
      rows: rows.map(({ total: _total, details, workspaceId, ...row }) => ({
        ...row,
        workspaceId: workspaceId!,
        details: JSON.parse(details) as Record<string, unknown>,
      })),
    };
  }

  return {
    today,
    workspaces,
    cells,
    actionCounts,
    overdue,
    overdueTotals,
    knelpunten: knelpuntRows.map(({ total: _total, ...k }) => k),
    knelpuntenTotal: Number(knelpuntRows[0]?.total ?? 0),
    woondeals: [...woondeals.values()],
    changes,
  };
}

function auditFilter(db: Kysely<Database>, workspaceIds: string[], since: string, userId: string) {
  return db
    .selectFrom('audit_log')
    .where('audit_log.workspace_id', 'in', workspaceIds.length > 0 ? workspaceIds : [''])
    .where('audit_log.at', '>', since)
    .where((eb) => eb.or([eb('audit_log.actor_id', 'is', null), eb('audit_log.actor_id', '<>', userId)]));
}

/**
 * Records that the user sees the dashboard now and returns since when it shows changes, in one statement:
 * a first visit starts now; after more than half an hour away the previous visit's end is the new "since";
 * a reload within a visit keeps it. INSERT … ON CONFLICT DO UPDATE … RETURNING is SQLite and PostgreSQL alike
 * (the right-hand sides read the row as it was).
 */
export async function recordDashboardVisit(db: Kysely<Database>, userId: string, workspaceId: string, now = new Date()) {
  const nowIso = now.toISOString();
  const cutoff = new Date(now.getTime() - VISIT_GAP_MS).toISOString();
  const row = await db
    .insertInto('dashboard_visits')
    .values({ user_id: userId, workspace_id: workspaceId, since: nowIso, last_seen_at: nowIso })
    .onConflict((oc) =>
      oc.columns(['user_id', 'workspace_id']).doUpdateSet({
        since: sql<string>`case when dashboard_visits.last_seen_at < ${cutoff} then dashboard_visits.last_seen_at else dashboard_visits.since end`,
        last_seen_at: (eb) => eb.ref('excluded.last_seen_at'),
      })
    )
    .returning('since')
    .executeTakeFirstOrThrow();
  return row.since;
}
