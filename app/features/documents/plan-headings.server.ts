import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import { listDocuments } from './documents.server.ts';
import { headingTexts, readState } from './rich-text.ts';
import type { PlanHeadings } from './plan-headings.ts';

/** The headings of every document of the workspace that is not archived, read from its current text. */
export async function listPlanHeadings(
  db: Kysely<Database>,
  readCurrentState: (documentId: string) => Promise<Uint8Array>,
  workspaceId: string
): Promise<PlanHeadings[]> {
  const documents = await listDocuments(db, workspaceId);
  return Promise.all(
    documents.map(async (d) => ({
      documentId: d.id,
      title: d.title,
      headings: headingTexts(readState(await readCurrentState(d.id))),
    }))
  );
}
