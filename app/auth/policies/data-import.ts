// Imports of figures: seen and decided in the workspace that made them only; a preview is applied or
// discarded once, after which it is a record of what happened.
import type { ImportStatus } from '../../../db/schema.ts';
import type { WorkspaceRef } from '../permissions.ts';
import { needs, ownedBy, refuse, type PolicyActor, type Refusal } from './types.ts';

export interface ImportRecord {
  workspace: WorkspaceRef;
  /** undefined when the id named none. */
  dataImport: { workspaceId: string; status: ImportStatus } | undefined;
}

export const IMPORT_DECIDED = 'Deze import is al verwerkt of verworpen.';

function view(actor: PolicyActor, { workspace, dataImport }: ImportRecord): Refusal | null {
  return needs(actor, workspace, 'analysis.edit') ?? ownedBy(dataImport, workspace);
}

function decide(actor: PolicyActor, record: ImportRecord): Refusal | null {
  return view(actor, record) ?? (record.dataImport!.status !== 'voorbeeld' ? refuse(409, IMPORT_DECIDED) : null);
}

export const dataImportPolicy = {
  'import.view': view,
  'import.apply': decide,
  'import.discard': decide,
};
