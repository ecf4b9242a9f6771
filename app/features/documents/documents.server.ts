import type { Kysely } from 'kysely';
import type { Database, DocumentStatus } from '../../../db/schema.ts';
import { stateFromContent } from './rich-text.ts';
import { templateContent, type TemplateKey } from './templates.ts';
import { nowIso } from '../../lib/time.ts';
import { writeAudit } from '../../core/audit.server.ts';
import { inTransaction } from '../../core/transaction.server.ts';

export const DOCUMENT_STATUSES = ['concept', 'ter_review', 'vastgesteld'] as const satisfies readonly DocumentStatus[];

export interface DocumentMeta {
  id: string;
  workspaceId: string;
  step: number;
  title: string;
  status: DocumentStatus;
  createdByName: string | null;
  createdAt: string;
  updatedAt: string;
  archivedAt: string | null;
}

function metaQuery(db: Kysely<Database>) {
  return db
    .selectFrom('documents')
    .leftJoin('users', 'users.id', 'documents.created_by')
    .select([
      'documents.id',
      'documents.workspace_id as workspaceId',
      'documents.step',
      'documents.title',
      'documents.status',
      'users.name as createdByName',
      'documents.created_at as createdAt',
      'documents.updated_at as updatedAt',
      'documents.archived_at as archivedAt',
    ]);
}

export async function listDocuments(
  db: Kysely<Database>,
  workspaceId: string,
  { archived = false } = {}
): Promise<DocumentMeta[]> {
  return metaQuery(db)
    .where('documents.workspace_id', '=', workspaceId)
    .where('documents.archived_at', archived ? 'is not' : 'is', null)
    .orderBy('documents.step')
    .orderBy('documents.title')
    .execute();
}

/** How many documents (not archived) each step of the workspace has. */
export async function countDocumentsByStep(db: Kysely<Database>, workspaceId: string): Promise<Record<number, number>> {
  const rows = await db
    .selectFrom('documents')
    .select((eb) => ['step', eb.fn.countAll<number>().as('n')])
    .where('workspace_id', '=', workspaceId)
    .where('archived_at', 'is', null)
    .groupBy('step')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.step, Number(r.n)]));
}

export async function getDocument(db: Kysely<Database>, id: string): Promise<DocumentMeta | undefined> {
  return metaQuery(db).where('documents.id', '=', id).executeTakeFirst();
}

export async function createDocument(
  db: Kysely<Database>,
  values: { workspaceId: string; step: number; title: string; template: TemplateKey },
  actorId: string
): Promise<string> {
  const id = crypto.randomUUID();
  const now = nowIso();
  await inTransaction(db, async (trx) => {
    await trx
      .insertInto('documents')
      .values({
        id,
        workspace_id: values.workspaceId,
        step: values.step,
        title: values.title.trim(),
        status: 'concept',
        created_by: actorId,
        created_at: now,
        updated_at: now,
        archived_at: null,
        snapshot: stateFromContent(templateContent(values.template)),
        snapshot_at: now,
      })
      .execute();
    await writeAudit(trx, {
      actorId,
      workspaceId: values.workspaceId,
      action: 'document.create',
      entityType: 'document',
      entityId: id,
      details: { title: values.title.trim(), step: values.step, template: values.template },
    });
  });
  return id;
}

export async function updateDocumentMeta(
  db: Kysely<Database>,
  document: DocumentMeta,
  changes: { title: string; status: DocumentStatus; step: number },
  actorId: string
): Promise<void> {
  const changed = Object.fromEntries(
    (['title', 'status', 'step'] as const)
      .filter((key) => changes[key] !== document[key])
      .map((key) => [key, { from: document[key], to: changes[key] }])
  );
  if (Object.keys(changed).length === 0) return;
  await inTransaction(db, async (trx) => {
    await trx
      .updateTable('documents')
      .set({ title: changes.title, status: changes.status, step: changes.step, updated_at: nowIso() })
      .where('id', '=', document.id)
      .execute();
    await writeAudit(trx, {
      actorId,
      workspaceId: document.workspaceId,
      action: 'document.update',
      entityType: 'document',
      entityId: document.id,
      details: changed,
    });
  });
}

/** Archiving hides a document from the list; nothing is deleted, and it can be brought back. */
export async function setArchived(
  db: Kysely<Database>,
  document: DocumentMeta,
  archived: boolean,
  actorId: string
): Promise<void> {
  await inTransaction(db, async (trx) => {
    await trx
      .updateTable('documents')
      .set({ archived_at: archived ? nowIso() : null })
      .where('id', '=', document.id)
      .execute();
    await writeAudit(trx, {
      actorId,
      workspaceId: document.workspaceId,
      action: archived ? 'document.archive' : 'document.unarchive',
      entityType: 'document',
      entityId: document.id,
      details: { title: document.title },
    });
  });
}

export interface VersionMeta {
  id: string;
  name: string;
  createdAt: string;
  createdByName: string | null;
}

export async function listVersions(db: Kysely<Database>, documentId: string): Promise<VersionMeta[]> {
  return db
    .selectFrom('document_versions')
    .leftJoin('users', 'users.id', 'document_versions.created_by')
    .select([
      'document_versions.id',
      'document_versions.name',
      'document_versions.created_at as createdAt',
      'users.name as createdByName',
    ])
    .where('document_versions.document_id', '=', documentId)
    .orderBy('document_versions.created_at', 'desc')
    .execute();
}

export async function getVersion(db: Kysely<Database>, documentId: string, versionId: string) {
  return db
    .selectFrom('document_versions')
    .leftJoin('users', 'users.id', 'document_versions.created_by')
    .select([
      'document_versions.id',
      'document_versions.name',
      'document_versions.state',
      'document_versions.created_at as createdAt',
      'users.name as createdByName',
    ])
    .where('document_versions.document_id', '=', documentId)
    .where('document_versions.id', '=', versionId)
    .executeTakeFirst();
}

/** A named, immutable snapshot of the whole document. Its id is stable: distribution sends versions. */
export async function recordVersion(
  db: Kysely<Database>,
  document: DocumentMeta,
  values: { name: string; state: Uint8Array },
  actorId: string
): Promise<string> {
  const id = crypto.randomUUID();
  await inTransaction(db, async (trx) => {
    await trx
      .insertInto('document_versions')
      .values({
        id,
        document_id: document.id,
        name: values.name.trim(),
        state: values.state,
        created_by: actorId,
        created_at: nowIso(),
      })
      .execute();
    await writeAudit(trx, {
      actorId,
      workspaceId: document.workspaceId,
      action: 'version.create',
      entityType: 'document',
      entityId: document.id,
      details: { versionId: id, name: values.name.trim() },
    });
  });
  return id;
}
