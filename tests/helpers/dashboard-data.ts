import type SQLite from 'better-sqlite3';

// Realistic data for the region dashboard, written straight into a SQLite file (a benchmark needs 18,000
// actions and 500,000 log rows; making them through the pages would take hours): actions spread over the
// statuses, due dates from a year ago to a year ahead, owners among the users and organisations, links to
// knelpunten, woondeals; step owners and due dates, ticked checklist items; a year of audit log.
// Deterministic (a small LCG), so that two runs see the same data.

export interface DashboardDataOptions {
  /** Workspaces to fill, by slug; all when left out. */
  slugs?: string[];
  actionsPerWorkspace: number;
  /** Rows of audit log over the past year, across the workspaces. */
  auditRows?: number;
  knelpuntenPerWorkspace?: number;
  now?: Date;
  seed?: number;
}

const STATUSES = ['voorstel', 'besloten', 'in_uitvoering', 'gereed', 'vervallen'] as const;
const STATUS_WEIGHTS = [0.2, 0.2, 0.3, 0.25, 0.05];
const AUDIT_ACTIONS = [
  ['action.update', 'action'],
  ['action.status', 'action'],
  ['action.progress', 'action'],
  ['checklist.tick', 'checklist_item'],
  ['document.update', 'document'],
  ['comment.create', 'comment'],
  ['knelpunt.update', 'knelpunt'],
] as const;
const DAY = 86_400_000;

export function seedDashboardData(sqlite: SQLite.Database, options: DashboardDataOptions) {
  const now = options.now ?? new Date();
  let state = options.seed ?? 12345;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const day = (offset: number) => new Date(now.getTime() + offset * DAY).toISOString().slice(0, 10);
  const iso = (offsetMs: number) => new Date(now.getTime() + offsetMs).toISOString();

  const workspaces = (
    sqlite.prepare('select id, slug, kind from workspaces order by kind desc, name').all() as Array<{
      id: string;
      slug: string;
      kind: string;
    }>
  ).filter((w) => !options.slugs || options.slugs.includes(w.slug));
  const region = sqlite.prepare("select id from workspaces where kind = 'regio'").get() as { id: string };
  const users = (sqlite.prepare('select id from users').all() as Array<{ id: string }>).map((u) => u.id);
  const organisations = (sqlite.prepare('select id from organisations').all() as Array<{ id: string }>).map((o) => o.id);
  const targetGroups = (sqlite.prepare('select id from target_groups').all() as Array<{ id: string }>).map((t) => t.id);
  const created = iso(-200 * DAY);

  const insertWoondeal = sqlite.prepare(
    'insert into woondeals (id, workspace_id, name, source_document, signed_on, target_homes, target_year, share_social, share_middle, share_expensive, note, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'
  );
  const insertKnelpunt = sqlite.prepare(
    "insert into knelpunten (id, workspace_id, target_group_id, level, title, description, status, created_at, updated_at) values (?, ?, ?, ?, ?, '', ?, ?, ?)"
  );
  const insertAction = sqlite.prepare(
    "insert into actions (id, workspace_id, title, description, level, owner_organisation_id, owner_user_id, due_date, priority, status, progress, woondeal_id, created_by, created_at, updated_at) values (?, ?, ?, '', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
  );
  const linkKnelpunt = sqlite.prepare('insert or ignore into action_knelpunten (action_id, knelpunt_id) values (?, ?)');
  const updateStep = sqlite.prepare(
    'update steps set status = ?, owner_id = ?, due_date = ? where workspace_id = ? and number = ?'
  );
  const tick = sqlite.prepare(
    'update checklist_items set checked_at = ?, checked_by = ? where id in (select id from checklist_items where workspace_id = ? and step = ? order by position limit ?)'
  );
  const insertAudit = sqlite.prepare(
    'insert into audit_log (at, actor_id, workspace_id, action, entity_type, entity_id, details) values (?, ?, ?, ?, ?, ?, ?)'
  );

  const woondealIds: string[] = [];
  const actionIds: string[] = [];
  sqlite.transaction(() => {
    for (const [i, name] of ['Woondeal Twente', 'Regionale woonagenda Twente'].entries()) {
      const id = crypto.randomUUID();
      woondealIds.push(id);
      insertWoondeal.run(
        id,
        region.id,
        name,
        'Woondeal Twente 2022',
        `2022-0${i + 6}-15`,
        14100,
        2030,
        30,
        40,
        30,
        '',
        created,
        created
      );
    }
    for (const w of workspaces) {
      const knelpunten: string[] = [];
      for (let k = 0; k < (options.knelpuntenPerWorkspace ?? 6); k++) {
        const id = crypto.randomUUID();
        knelpunten.push(id);
        insertKnelpunt.run(
          id,
          w.id,
          pick(targetGroups),
          w.kind === 'regio' ? 'regionaal' : 'lokaal',
          `Knelpunt ${k + 1} van ${w.slug}: te weinig passende woningen`,
          pick(['open', 'open', 'in_aanpak', 'opgelost']),
          created,
          created
        );
      }
      for (let a = 0; a < options.actionsPerWorkspace; a++) {
        const id = crypto.randomUUID();
        actionIds.push(id);
        let r = random();
        let status: (typeof STATUSES)[number] = 'voorstel';
        for (const [s, weight] of STATUS_WEIGHTS.entries()) {
          if (r < weight) {
            status = STATUSES[s]!;
            break;
          }
          r -= weight;
        }
        const due = random() < 0.1 ? null : day(Math.floor(random() * 730) - 365);
        insertAction.run(
          id,
          w.id,
          `Actie ${a + 1} (${w.slug}): afspraken over uitstroom en begeleiding`,
          w.kind === 'regio' ? 'regionaal' : 'lokaal',
          random() < 0.5 ? pick(organisations) : null,
          random() < 0.8 ? pick(users) : null,
          due,
          pick(['hoog', 'normaal', 'laag']),
          status,
          status === 'gereed' ? 100 : Math.floor(random() * 10) * 10,
          random() < 0.15 ? pick(woondealIds) : null,
          pick(users),
          created,
          created
        );
        // Most knelpunten get an action; the last two of each workspace stay without one.
        if (knelpunten.length > 2 && random() < 0.6)
          linkKnelpunt.run(id, knelpunten[Math.floor(random() * (knelpunten.length - 2))]);
      }
      for (const number of [1, 2, 3, 4]) {
        const status = number === 1 ? 'afgerond' : number === 2 ? pick(['bezig', 'ter_review']) : pick(['niet_gestart', 'bezig']);
        updateStep.run(status, pick(users), day(number * 40 - 90), w.id, number);
        tick.run(iso(-10 * DAY), pick(users), w.id, number, Math.floor(random() * 4));
      }
    }
  })();

  const auditRows = options.auditRows ?? 0;
  const batch = 50_000;
  for (let start = 0; start < auditRows; start += batch) {
    sqlite.transaction(() => {
      for (let i = start; i < Math.min(auditRows, start + batch); i++) {
        // Evenly over the past year, oldest first (as a log grows).
        const at = iso(-365 * DAY + Math.floor(((i + random()) / auditRows) * 365 * DAY));
        const [action, entityType] = pick(AUDIT_ACTIONS);
        insertAudit.run(
          at,
          pick(users),
          pick(workspaces).id,
          action,
          entityType,
          entityType === 'action' && actionIds.length > 0 ? pick(actionIds) : crypto.randomUUID(),
          JSON.stringify(
            entityType === 'action'
              ? { title: 'Actie uit de benchmark' }
              : entityType === 'knelpunt'
                ? { title: 'Knelpunt uit de benchmark', level: 'lokaal', status: 'open' }
                : {}
          )
        );
      }
    })();
  }
  return { workspaces, actionIds, woondealIds };
}
