import { sql, type Kysely } from 'kysely';

// One name per aandachtsgroep and indicator (the DOMAIN.md term; see FORMER_NAMES in
// app/features/analysis/catalogue.ts). Only names as an older seed stored them are renamed: a name a
// beheerder chose is left alone. The names are written out here, as they were, so that this migration
// does not change when the catalogue does.
const RENAMES: Array<[table: 'indicators' | 'target_groups', id: string, from: string, to: string]> = [
  ['indicators', 'statushouders', 'Statushouders met woonbehoefte', 'Statushouders'],
  ['indicators', 'dak-en-thuislozen', 'Dak- en thuisloze personen', 'Dak- en thuisloze mensen'],
  ['target_groups', 'uitstroom-mo-bw', 'Uitstroom MO/BW', 'Uitstroom uit MO/BW'],
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const [table, id, from, to] of RENAMES) {
    await sql`update ${sql.table(table)} set name = ${to} where id = ${id} and name = ${from}`.execute(db);
  }
}
