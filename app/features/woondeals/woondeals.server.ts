// The region's register of woondeal agreements, which actions link to.
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';

export interface WoondealView {
  id: string;
  workspaceId: string;
  name: string;
  sourceDocument: string;
  signedOn: string | null;
  targetHomes: number | null;
  targetYear: number | null;
  shareSocial: number | null;
  shareMiddle: number | null;
  shareExpensive: number | null;
  note: string;
  updatedAt: string;
}

/** The woondeals of a region (a gemeente reads its region's), oldest agreement first. */
export async function listWoondeals(db: Kysely<Database>, regionId: string): Promise<WoondealView[]> {
  return db
    .selectFrom('woondeals')
    .select([
      'id',
      'workspace_id as workspaceId',
      'name',
      'source_document as sourceDocument',
      'signed_on as signedOn',
      'target_homes as targetHomes',
      'target_year as targetYear',
      'share_social as shareSocial',
      'share_middle as shareMiddle',
      'share_expensive as shareExpensive',
      'note',
      'updated_at as updatedAt',
    ])
    .where('workspace_id', '=', regionId)
    .orderBy('signed_on')
    .orderBy('name')
    .execute();
}
