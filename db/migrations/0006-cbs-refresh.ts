import type { Kysely } from 'kysely';

// Actualiseren: one refresh of a workspace's CBS-linked indicators makes one preview per CBS table; the
// refresh holds them together (confirmed or discarded as one) and keeps what it could not refresh.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('cbs_refreshes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull()) // 'preview' | 'applied' | 'discarded'
    .addColumn('problems', 'text', (c) => c.notNull().defaultTo('[]')) // JSON string[]: indicators not refreshed, and why
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .execute();
  await db.schema
    .alterTable('data_imports')
    .addColumn('refresh_id', 'text', (c) => c.references('cbs_refreshes.id'))
    .execute();
  await db.schema.createIndex('data_imports_refresh').on('data_imports').column('refresh_id').execute();
}
