import type { Kysely } from 'kysely';
import type { Database, Organisation, OrganisationKind } from '../../../db/schema.ts';
import { nowIso } from '../../lib/time.ts';
import { writeAudit } from '../../core/audit.server.ts';
import { inTransaction } from '../../core/transaction.server.ts';

export async function listOrganisations(db: Kysely<Database>): Promise<(Organisation & { userCount: number })[]> {
  const rows = await db
    .selectFrom('organisations')
    .select((eb) => [
      'organisations.id',
      'organisations.name',
      'organisations.kind',
      'organisations.created_at',
      eb
        .selectFrom('users')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('users.organisation_id', '=', 'organisations.id')
        .as('userCount'),
    ])
    .orderBy('name')
    .execute();
  return rows.map((r) => ({ ...r, userCount: Number(r.userCount ?? 0) }));
}

export async function organisationNameTaken(db: Kysely<Database>, name: string, exceptId?: string): Promise<boolean> {
  let query = db
    .selectFrom('organisations')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.trim().toLowerCase()));
  if (exceptId) query = query.where('id', '!=', exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

export async function createOrganisation(
  db: Kysely<Database>,
  values: { name: string; kind: OrganisationKind },
  actorId: string | null
): Promise<Organisation> {
  const organisation: Organisation = {
    id: crypto.randomUUID(),
    name: values.name.trim(),
    kind: values.kind,
    created_at: nowIso(),
  };
  await inTransaction(db, async (trx) => {
    await trx.insertInto('organisations').values(organisation).execute();
    await writeAudit(trx, {
      actorId,
      action: 'organisation.create',
      entityType: 'organisation',
      entityId: organisation.id,
      details: { name: organisation.name, kind: organisation.kind },
    });
  });
  return organisation;
}

export async function updateOrganisation(
  db: Kysely<Database>,
  id: string,
  values: { name: string; kind: OrganisationKind },
  actorId: string
): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const result = await trx
      .updateTable('organisations')
      .set({ name: values.name.trim(), kind: values.kind })
      .where('id', '=', id)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return false;
    await writeAudit(trx, { actorId, action: 'organisation.update', entityType: 'organisation', entityId: id, details: values });
    return true;
  });
}
