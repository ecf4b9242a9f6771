import type { Kysely } from 'kysely';

// The region dashboard reads each section in one query over the region's nine workspaces. These covering
// indexes let those queries rank and filter inside the index and read the table only for the few rows shown
// (bench/dashboard.ts: 9 × 2,000 actions and 500,000 log rows). Each extends an index of 0010 by the columns
// the dashboard needs besides.

export async function up(db: Kysely<any>): Promise<void> {
  // Overdue actions per workspace: open, past the due date, the first few by due date (and their id).
  await db.schema
    .createIndex('actions_dashboard_due')
    .on('actions')
    .columns(['workspace_id', 'status', 'due_date', 'id'])
    .execute();
  // The actions serving a woondeal, within the workspaces one may see, by status and due date.
  await db.schema
    .createIndex('actions_dashboard_woondeal')
    .on('actions')
    .columns(['woondeal_id', 'workspace_id', 'status', 'due_date', 'id'])
    .execute();
  // "What changed since your previous visit": by workspace and time, leaving out one's own changes.
  await db.schema.createIndex('audit_log_dashboard').on('audit_log').columns(['workspace_id', 'at', 'actor_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('audit_log_dashboard').execute();
  await db.schema.dropIndex('actions_dashboard_woondeal').execute();
  await db.schema.dropIndex('actions_dashboard_due').execute();
}
