// Imports of figures: first a preview of what would change, then applied whole in one transaction,
// or not at all. A re-import from the same source replaces that source's figures for the indicators
// and years in the file, and records the difference.
import type { Kysely } from 'kysely';
import type { Database, ImportKind } from '../../../db/schema.ts';
import type { CbsLink, ImportExample, ImportRow, ImportSummary, IndicatorChanges } from './import-rows.ts';
import { nowIso } from '../../lib/time.ts';
import { writeAudit } from '../../core/audit.server.ts';
import { inTransaction } from '../../core/transaction.server.ts';

export const MAX_SOURCE_NAME = 80;

export interface NewImport {
  workspaceId: string;
  kind: ImportKind;
  source: string;
  detail: string;
  definition: string;
  rows: readonly ImportRow[];
  /** Cells without a figure in the source (CBS: hidden or unknown; CSV: '', '.', '-', 'x'), left out of `rows`. */
  skipped?: number;
  actorId: string;
  /** For a CBS import: what each indicator's figures are at CBS. */
  cbsLinks?: readonly CbsLink[];
  /** For a refresh (actualiseren): the refresh this preview belongs to. */
  refreshId?: string;
  /** How many changed figures the preview keeps to show (default 25): a refresh lists every revision. */
  examples?: number;
}

/** How many figures a preview shows. */
const EXAMPLES = 25;
/** How many a refresh keeps: every revision of a region's linked indicators, within reason. */
export const REFRESH_EXAMPLES = 2000;

const keyOf = (r: { workspaceId: string; indicatorId: string; period: string }) =>
  `${r.workspaceId}|${r.indicatorId}|${r.period}`;

/**
 * The figures of this source that an import of `rows` would replace: same indicators and years, same
 * gemeenten' scope, and put in by the same workspace (a gemeente's import never replaces the region's).
 */
async function replacedFigures(
  db: Kysely<Database>,
  importer: string,
  source: string,
  rows: readonly ImportRow[],
  scope: readonly string[]
) {
  const indicators = [...new Set(rows.map((r) => r.indicatorId))];
  const periods = [...new Set(rows.map((r) => r.period))];
  if (indicators.length === 0) return [];
  return db
    .selectFrom('observations')
    .innerJoin('data_imports', 'data_imports.id', 'observations.import_id')
    .innerJoin('indicators', 'indicators.id', 'observations.indicator_id')
    .select([
      'observations.id',
      'observations.workspace_id as workspaceId',
      'observations.indicator_id as indicatorId',
      'observations.period',
      'observations.value',
      'observations.status',
      'data_imports.workspace_id as importedBy',
      'indicators.is_count as isCount',
    ])
    .where('observations.source', '=', source)
    .where('observations.imported_by', '=', importer)
    .where('observations.indicator_id', 'in', indicators)
    .where('observations.period', 'in', periods)
    .where('observations.workspace_id', 'in', [...scope])
    .execute();
}

type ExistingFigure = ImportRow & { importedBy: string; isCount: number };

/**
 * A preview says "gelijk" or "gewijzigd" only where that tells the importer nothing hidden: figures that
 * are not protected (no count of people) or that their own workspace put in. Any other figure is
 * "vervangen", whatever its value, so a guessed figure in an upload cannot be checked against it. A figure
 * whose value stays but whose status changes (voorlopig → definitief) is "alleen status gewijzigd": it is
 * replaced too, so the monitor shows the new status. The one place that decides what counts as a change.
 */
export function summarise(
  rows: readonly ImportRow[],
  existing: readonly ExistingFigure[],
  importingWorkspaceId: string,
  limit = EXAMPLES
): ImportSummary {
  const before = new Map(existing.map((e) => [keyOf(e), e]));
  const after = new Set<string>();
  const summary: ImportSummary = {
    rows: rows.length,
    added: 0,
    changed: 0,
    unchanged: 0,
    replaced: 0,
    restated: 0,
    removed: 0,
    byIndicator: {},
    examples: [],
  };
  const added: ImportExample[] = [];
  const example = (e: ImportExample) => {
    if (summary.examples.length < limit) summary.examples.push(e);
  };
  const count = (indicatorId: string, kind: Exclude<keyof IndicatorChanges, 'addedPeriods'>, period?: string) => {
    const changes = (summary.byIndicator![indicatorId] ??= {
      added: 0,
      changed: 0,
      restated: 0,
      unchanged: 0,
      replaced: 0,
      removed: 0,
      addedPeriods: [],
    });
    changes[kind]++;
    summary[kind]!++;
    if (period !== undefined && !changes.addedPeriods.includes(period)) changes.addedPeriods.push(period);
  };
  // Statuses travel with an example only where they differ; null and absent are the same (no status).
  const statuses = (from: string | null | undefined, to: string | null | undefined) =>
    (from ?? null) === (to ?? null) ? {} : { fromStatus: from ?? null, toStatus: to ?? null };
  const figure = (e: ImportRow | ExistingFigure, from: number | null, to: number | null) => ({
    workspaceId: e.workspaceId,
    indicatorId: e.indicatorId,
    period: e.period,
    from,
    to,
  });
  for (const row of rows) {
    const key = keyOf(row);
    after.add(key);
    const old = before.get(key);
    if (old === undefined) {
      count(row.indicatorId, 'added', row.period);
      if (added.length < limit) added.push(figure(row, null, row.value));
    } else if (old.isCount && old.importedBy !== importingWorkspaceId) {
      count(row.indicatorId, 'replaced');
      example({ ...figure(row, old.value, row.value), ...statuses(old.status, row.status) });
    } else if (old.value !== row.value) {
      count(row.indicatorId, 'changed');
      example({ ...figure(row, old.value, row.value), ...statuses(old.status, row.status) });
    } else if ((old.status ?? null) !== (row.status ?? null)) {
      count(row.indicatorId, 'restated');
      example({ ...figure(row, old.value, row.value), ...statuses(old.status, row.status) });
    } else count(row.indicatorId, 'unchanged');
  }
  for (const e of existing) {
    if (!after.has(keyOf(e))) {
      count(e.indicatorId, 'removed');
      example({ ...figure(e, e.value, null), ...statuses(e.status, null) });
    }
  }
  for (const changes of Object.values(summary.byIndicator!)) changes.addedPeriods.sort();
  // Changes first; new figures fill up what is left of the preview.
  summary.examples.push(...added.slice(0, Math.max(0, limit - summary.examples.length)));
  return summary;
}

/** Stores the parsed rows with what they would change; nothing in the monitor changes yet. */
export async function prepareImport(db: Kysely<Database>, values: NewImport, scope: readonly string[]): Promise<string> {
  const existing = await replacedFigures(db, values.workspaceId, values.source, values.rows, scope);
  const summary = summarise(values.rows, existing, values.workspaceId, values.examples);
  if (values.skipped) summary.skipped = values.skipped;
  const id = crypto.randomUUID();
  await inTransaction(db, async (trx) => {
    await trx
      .insertInto('data_imports')
      .values({
        id,
        workspace_id: values.workspaceId,
        kind: values.kind,
        source: values.source,
        detail: values.detail,
        definition: values.definition,
        status: 'voorbeeld',
        payload: JSON.stringify({ rows: values.rows, scope }),
        summary: JSON.stringify(summary),
        rows: values.rows.length,
        cbs_link: values.cbsLinks ? JSON.stringify(values.cbsLinks) : null,
        refresh_id: values.refreshId ?? null,
        created_by: values.actorId,
        created_at: nowIso(),
        applied_at: null,
      })
      .execute();
    // A preview is audited too: it shows figures, and what a series of previews asked is on record.
    await writeAudit(trx, {
      actorId: values.actorId,
      workspaceId: values.workspaceId,
      action: 'import.preview',
      entityType: 'data_import',
      entityId: id,
      details: { source: values.source, ...summary, examples: undefined, byIndicator: undefined },
    });
  });
  return id;
}

export async function getImport(db: Kysely<Database>, workspaceId: string, id: string) {
  const row = await db
    .selectFrom('data_imports')
    .leftJoin('users', 'users.id', 'data_imports.created_by')
    .select([
      'data_imports.id',
      'data_imports.workspace_id as workspaceId',
      'data_imports.kind',
      'data_imports.source',
      'data_imports.detail',
      'data_imports.definition',
      'data_imports.status',
      'data_imports.summary',
      'data_imports.rows',
      'data_imports.created_at as createdAt',
      'data_imports.applied_at as appliedAt',
      'users.name as createdByName',
    ])
    .where('data_imports.workspace_id', '=', workspaceId)
    .where('data_imports.id', '=', id)
    .executeTakeFirst();
  return row ? { ...row, summary: JSON.parse(row.summary) as ImportSummary } : undefined;
}

export async function listImports(db: Kysely<Database>, workspaceId: string) {
  const rows = await db
    .selectFrom('data_imports')
    .leftJoin('users', 'users.id', 'data_imports.created_by')
    .select([
      'data_imports.id',
      'data_imports.kind',
      'data_imports.source',
      'data_imports.detail',
      'data_imports.status',
      'data_imports.rows',
      'data_imports.summary',
      'data_imports.created_at as createdAt',
      'users.name as createdByName',
    ])
    .where('data_imports.workspace_id', '=', workspaceId)
    .where('data_imports.status', '!=', 'verworpen')
    .orderBy('data_imports.created_at', 'desc')
    .limit(50)
    .execute();
  // The list shows counts only; the changed figures themselves are on the import's own page, protected.
  return rows.map((r) => ({ ...r, summary: { ...(JSON.parse(r.summary) as ImportSummary), examples: [] } }));
}

// Rows per INSERT: SQLite binds at most 32,766 parameters per statement, and a figure has nine columns.
const CHUNK = 3000;

/**
 * Applies a previewed import whole: the source's figures for those indicators and years are replaced
 * in one transaction, the difference is recomputed against what is there now and kept with the import.
 */
export async function applyImport(
  db: Kysely<Database>,
  workspaceId: string,
  id: string,
  actorId: string
): Promise<ImportSummary | null> {
  return inTransaction(db, async (trx) => {
    const pending = await trx
      .selectFrom('data_imports')
      .select(['source', 'payload', 'summary', 'refresh_id'])
      .where('id', '=', id)
      .where('workspace_id', '=', workspaceId)
      .where('status', '=', 'voorbeeld')
      .executeTakeFirst();
    if (!pending?.payload) return null;
    const { rows, scope } = JSON.parse(pending.payload) as { rows: ImportRow[]; scope: string[] };
    const existing = await replacedFigures(trx, workspaceId, pending.source, rows, scope);
    const summary = {
      ...summarise(rows, existing, workspaceId, pending.refresh_id ? REFRESH_EXAMPLES : EXAMPLES),
      skipped: (JSON.parse(pending.summary) as ImportSummary).skipped,
    };
    for (let i = 0; i < existing.length; i += CHUNK) {
      await trx
        .deleteFrom('observations')
        .where(
          'id',
          'in',
          existing.slice(i, i + CHUNK).map((e) => e.id)
        )
        .execute();
    }
    for (let i = 0; i < rows.length; i += CHUNK) {
      await trx
        .insertInto('observations')
        .values(
          rows.slice(i, i + CHUNK).map((r) => ({
            indicator_id: r.indicatorId,
            workspace_id: r.workspaceId,
            period: r.period,
            value: r.value,
            source: pending.source,
            import_id: id,
            imported_by: workspaceId,
            peildatum: r.peildatum ?? null,
            status: r.status ?? null,
          }))
        )
        .execute();
    }
    await trx
      .updateTable('data_imports')
      .set({ status: 'verwerkt', applied_at: nowIso(), payload: null, summary: JSON.stringify(summary) })
      .where('id', '=', id)
      .execute();
    await writeAudit(trx, {
      actorId,
      workspaceId,
      action: 'import.apply',
      entityType: 'data_import',
      entityId: id,
      details: { source: pending.source, ...summary, examples: undefined, byIndicator: undefined },
    });
    return summary;
  });
}

export async function discardImport(db: Kysely<Database>, workspaceId: string, id: string, actorId: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    const discarded = await trx
      .updateTable('data_imports')
      .set({ status: 'verworpen', payload: null })
      .where('id', '=', id)
      .where('workspace_id', '=', workspaceId)
      .where('status', '=', 'voorbeeld')
      .returning('source')
      .executeTakeFirst();
    if (!discarded) return;
    await writeAudit(trx, {
      actorId,
      workspaceId,
      action: 'import.discard',
      entityType: 'data_import',
      entityId: id,
      details: { source: discarded.source },
    });
  });
}
