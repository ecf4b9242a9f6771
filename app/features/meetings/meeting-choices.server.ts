// What a meeting's form offers to choose from: the workspace's documents (as agenda) and its members.
import type { Kysely } from 'kysely';
import type { Database, Workspace } from '../../../db/schema.ts';
import { listMembers } from '../../core/memberships.server.ts';
import { listAgendaDocuments } from './meetings.server.ts';

export async function meetingChoices(db: Kysely<Database>, workspace: Workspace) {
  const [documents, members] = await Promise.all([listAgendaDocuments(db, workspace.id), listMembers(db, workspace)]);
  return {
    documents: documents.map((d) => ({ value: d.id, label: d.title, group: `Stap ${d.step}` })),
    members: members.map((m) => ({
      value: m.userId,
      label: m.organisationName ? `${m.name} (${m.organisationName})` : m.name,
    })),
  };
}
