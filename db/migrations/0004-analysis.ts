import type { Kysely } from 'kysely';

// Analysis (step 1): aandachtsgroepen, indicators, observations per gemeente and source, the imports
// they came from, and the knelpunten the team records.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('target_groups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('indicators')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('target_group_id', 'text', (c) => c.references('target_groups.id').onDelete('set null'))
    .addColumn('definition', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('source', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('is_count', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('small_threshold', 'integer', (c) => c.notNull().defaultTo(10))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('data_imports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('payload', 'text')
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('applied_at', 'text')
    .execute();
  await db.schema.createIndex('data_imports_workspace').on('data_imports').columns(['workspace_id', 'created_at']).execute();

  await db.schema
    .createTable('observations')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('indicator_id', 'text', (c) => c.notNull().references('indicators.id').onDelete('cascade'))
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('value', 'real', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('import_id', 'text', (c) => c.notNull().references('data_imports.id').onDelete('cascade'))
    .addUniqueConstraint('observations_key', ['indicator_id', 'workspace_id', 'period', 'source'])
    .execute();
  await db.schema.createIndex('observations_period').on('observations').columns(['period', 'indicator_id']).execute();

  await db.schema
    .createTable('knelpunten')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('target_group_id', 'text', (c) => c.notNull().references('target_groups.id'))
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('knelpunt_indicators')
    .addColumn('knelpunt_id', 'text', (c) => c.notNull().references('knelpunten.id').onDelete('cascade'))
    .addColumn('indicator_id', 'text', (c) => c.notNull().references('indicators.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('knelpunt_indicators_pk', ['knelpunt_id', 'indicator_id'])
    .execute();

  await db.schema
    .createTable('cbs_cache')
    .addColumn('url', 'text', (c) => c.primaryKey())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('fetched_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'cbs_cache',
    'knelpunt_indicators',
    'knelpunten',
    'observations',
    'data_imports',
    'indicators',
    'target_groups',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
