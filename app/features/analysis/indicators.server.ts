// Indicators and aandachtsgroepen: what the monitor measures, its definitions and small-number thresholds.
import type { Kysely } from 'kysely';
import type { Database, IndicatorUnit } from '../../../db/schema.ts';
import { nowIso } from '../../lib/time.ts';
import { writeAudit } from '../../core/audit.server.ts';
import { inTransaction } from '../../core/transaction.server.ts';

export interface IndicatorInfo {
  id: string;
  name: string;
  unit: IndicatorUnit;
  targetGroupId: string | null;
  definition: string;
  isCount: boolean;
  threshold: number;
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
