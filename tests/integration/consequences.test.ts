import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/index.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { seedBase, seedDemo } from '../../setup/seed.ts';
import { writeAudit } from '../../app/core/audit.server.ts';
import type { Consequence } from '../../app/core/consequences.ts';
import { grantMembership } from '../../app/core/memberships.server.ts';
import { followChangesWith, inTransaction } from '../../app/core/transaction.server.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

async function database() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thuisplan-consequences-'));
  dirs.push(dir);
  const db = openDatabase(path.join(dir, 'thuisplan.db'));
  await migrateToLatest(db);
  await seedBase(db);
  await seedDemo(db, 'test-wachtwoord-123');
  const ran: Array<{ consequences: Consequence[]; notificationIds: string[] }> = [];
  followChangesWith(db, (consequences, notificationIds) => void ran.push({ consequences, notificationIds }));
  const id = async (table: 'users' | 'workspaces', column: 'email' | 'slug', value: string) =>
    (await db.selectFrom(table).select('id').where(column, '=', value).executeTakeFirstOrThrow()).id;
  return { db, ran, id };
}

describe('consequences run after the commit, once, and never for a change that was rolled back', () => {
  it('a role change through the model closes the member\u2019s sockets after its transaction commits', async () => {
    const { db, ran, id } = await database();
    const hengelo = await id('users', 'email', 'hengelo@demo.thuisplan.nl');
    const enschede = await id('workspaces', 'slug', 'enschede');
    const regie = await id('users', 'email', 'regie@demo.thuisplan.nl');
    await grantMembership(db, { workspaceId: enschede, userId: hengelo, role: 'lezer' }, regie);
    expect(ran).toEqual([{ consequences: [{ kind: 'close-user', userId: hengelo }], notificationIds: [] }]);
    await db.destroy();
  });

  it('a change that throws after its audit entry has no consequences; changes joined into one transaction run once, after it', async () => {
    const { db, ran, id } = await database();
    const hengelo = await id('users', 'email', 'hengelo@demo.thuisplan.nl');
    const enschede = await id('workspaces', 'slug', 'enschede');
    await expect(
      inTransaction(db, async (trx) => {
        await writeAudit(trx, { actorId: null, action: 'membership.remove', entityType: 'user', entityId: hengelo });
        throw new Error('mislukt');
      })
    ).rejects.toThrow('mislukt');
    expect(ran).toEqual([]);

    await inTransaction(db, async (trx) => {
      await grantMembership(trx, { workspaceId: enschede, userId: hengelo, role: 'lezer' }, null);
      expect(ran).toEqual([]); // not before the commit
      await writeAudit(trx, { actorId: null, action: 'document.archive', entityType: 'document', entityId: 'd1' });
    });
    expect(ran).toEqual([
      {
        consequences: [
          { kind: 'close-user', userId: hengelo },
          { kind: 'close-document', documentId: 'd1' },
        ],
        notificationIds: [],
      },
    ]);
    await db.destroy();
  });
});
