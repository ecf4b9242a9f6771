// Documents: the one in the URL's workspace only; an archived document is read-only (no writing in the
// text, no restoring a version — bringing it back from the archive is what opens it again).
import type { WorkspaceRef } from '../permissions.ts';
import { needs, ownedBy, refuse, type PolicyActor, type Refusal } from './types.ts';

export interface DocumentRecord {
  workspace: WorkspaceRef;
  document: { workspaceId: string; archivedAt: string | null };
}

export const ARCHIVED_READ_ONLY = 'Dit document staat in het archief en kan niet worden bewerkt.';
export const ARCHIVED_RESTORE = 'Dit document staat in het archief; haal het eerst terug.';

function view(actor: PolicyActor, { workspace, document }: DocumentRecord): Refusal | null {
  return needs(actor, workspace, 'workspace.view') ?? ownedBy(document, workspace);
}

function manage(actor: PolicyActor, record: DocumentRecord): Refusal | null {
  return view(actor, record) ?? needs(actor, record.workspace, 'document.edit');
}

export const documentPolicy = {
  'document.view': view,
  /** Title, status, step, archiving and bringing back, recording a version: also for an archived document. */
  'document.manage': manage,
  /** Writing in the text (the collaboration server's write access). */
  'document.write': (actor: PolicyActor, record: DocumentRecord): Refusal | null =>
    manage(actor, record) ?? (record.document.archivedAt ? refuse(409, ARCHIVED_READ_ONLY) : null),
  'document.restore-version': (actor: PolicyActor, record: DocumentRecord): Refusal | null =>
    manage(actor, record) ?? (record.document.archivedAt ? refuse(400, ARCHIVED_RESTORE) : null),
};
