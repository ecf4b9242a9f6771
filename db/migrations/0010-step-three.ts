import type { Kysely } from 'kysely';

// Step 3 and the project lead's view: advised actions with their updates, step checklists, meetings with
// a besluitenlijst, the region's woondeals, calendar feeds and the dashboard's "since your last visit".
// New workspaces and those from before get their default checklists from setup/seed.ts.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('woondeals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('source_document', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('signed_on', 'text')
    .addColumn('target_homes', 'integer')
    .addColumn('target_year', 'integer')
    .addColumn('share_social', 'integer')
    .addColumn('share_middle', 'integer')
    .addColumn('share_expensive', 'integer')
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('woondeals_workspace').on('woondeals').column('workspace_id').execute();

  await db.schema
    .createTable('meetings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('start_time', 'text')
    .addColumn('end_time', 'text')
    .addColumn('location', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('agenda_document_id', 'text', (c) => c.references('documents.id').onDelete('set null'))
    .addColumn('minutes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('adopted_at', 'text')
    .addColumn('adopted_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('adopted_in_meeting_id', 'text', (c) => c.references('meetings.id').onDelete('set null'))
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('meetings_workspace').on('meetings').columns(['workspace_id', 'date']).execute();

  await db.schema
    .createTable('meeting_participants')
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('meeting_participants_pk', ['meeting_id', 'user_id'])
    .execute();
  await db.schema.createIndex('meeting_participants_user').on('meeting_participants').column('user_id').execute();

  await db.schema
    .createTable('actions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('owner_organisation_id', 'text', (c) => c.references('organisations.id').onDelete('set null'))
    .addColumn('owner_user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('target_group_id', 'text', (c) => c.references('target_groups.id').onDelete('set null'))
    .addColumn('document_id', 'text', (c) => c.references('documents.id').onDelete('set null'))
    .addColumn('heading', 'text')
    .addColumn('due_date', 'text')
    .addColumn('priority', 'text', (c) => c.notNull().defaultTo('normaal'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('voorstel'))
    .addColumn('progress', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('woondeal_id', 'text', (c) => c.references('woondeals.id').onDelete('set null'))
    .addColumn('meeting_id', 'text', (c) => c.references('meetings.id').onDelete('set null'))
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .execute();
  await db.schema.createIndex('actions_workspace').on('actions').columns(['workspace_id', 'status', 'due_date']).execute();
  await db.schema.createIndex('actions_owner').on('actions').columns(['owner_user_id', 'due_date']).execute();
  await db.schema.createIndex('actions_woondeal').on('actions').columns(['woondeal_id', 'status']).execute();

  await db.schema
    .createTable('action_knelpunten')
    .addColumn('action_id', 'text', (c) => c.notNull().references('actions.id').onDelete('cascade'))
    .addColumn('knelpunt_id', 'text', (c) => c.notNull().references('knelpunten.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('action_knelpunten_pk', ['action_id', 'knelpunt_id'])
    .execute();
  await db.schema.createIndex('action_knelpunten_knelpunt').on('action_knelpunten').column('knelpunt_id').execute();

  await db.schema
    .createTable('action_updates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('action_id', 'text', (c) => c.notNull().references('actions.id').onDelete('cascade'))
    .addColumn('author_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('body', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('progress', 'integer')
    .addColumn('status', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('action_updates_action').on('action_updates').columns(['action_id', 'created_at']).execute();

  await db.schema
    .createTable('meeting_decisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('owner_user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('due_date', 'text')
    .addColumn('action_id', 'text', (c) => c.references('actions.id').onDelete('set null'))
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('meeting_decisions_meeting').on('meeting_decisions').columns(['meeting_id', 'position']).execute();

  await db.schema
    .createTable('checklist_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('step', 'integer', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('document_id', 'text', (c) => c.references('documents.id').onDelete('set null'))
    .addColumn('heading', 'text')
    .addColumn('checked_at', 'text')
    .addColumn('checked_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('checklist_items_step')
    .on('checklist_items')
    .columns(['workspace_id', 'step', 'position'])
    .execute();

  await db.schema
    .createTable('calendar_feeds')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('dashboard_visits')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('since', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('dashboard_visits_pk', ['user_id', 'workspace_id'])
    .execute();

  // "What changed since your visit" reads the log by workspace and time.
  await db.schema.createIndex('audit_log_workspace_at').on('audit_log').columns(['workspace_id', 'at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('audit_log_workspace_at').execute();
  for (const table of [
    'dashboard_visits',
    'calendar_feeds',
    'checklist_items',
    'meeting_decisions',
    'action_updates',
    'action_knelpunten',
    'actions',
    'meeting_participants',
    'meetings',
    'woondeals',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
