// Demo mode: fictitious figures, clearly labelled as such, so that the monitor shows something to look at
// before anyone imports real ones. Population follows the order of size in DOMAIN.md; the rest is made up.
import { prepareImport, applyImport } from '../app/features/analysis/data-imports.server.ts';
import { saveKnelpunt } from '../app/features/analysis/knelpunten.server.ts';
import type { ImportRow } from '../app/features/analysis/import-rows.ts';
import type { DB } from '../db/index.ts';

export const DEMO_SOURCE = 'Demo (fictieve cijfers)';

const INHABITANTS: Record<string, number> = {
  enschede: 161_303,
  hengelo: 83_051,
  'hof-van-twente': 35_438,
  oldenzaal: 31_794,
  dinkelland: 26_741,
  borne: 24_632,
  haaksbergen: 24_360,
  losser: 23_380,
};

// Per 1,000 inhabitants, with a little difference between gemeenten so that the index means something.
const RATES: Record<string, number> = {
  'ouderen-80-plus': 52,
  'dak-en-thuislozen': 1.1,
  'uitstroom-mo-bw': 0.45,
  statushouders: 2.4,
};

export async function seedDemoFigures(db: DB, actorId: string): Promise<void> {
  const region = await db.selectFrom('workspaces').select('id').where('slug', '=', 'regio').executeTakeFirstOrThrow();
  const gemeenten = await db.selectFrom('workspaces').select(['id', 'slug']).where('parent_id', '=', region.id).execute();
  const rows: ImportRow[] = [];
  for (const [n, g] of gemeenten.entries()) {
    for (let year = 2019; year <= 2024; year++) {
      const people = Math.round((INHABITANTS[g.slug] ?? 25_000) * (1 - 0.004 * (2024 - year)));
      rows.push({ workspaceId: g.id, indicatorId: 'bevolking', period: String(year), value: people });
      for (const [indicatorId, rate] of Object.entries(RATES)) {
        const spread = 0.8 + ((n * 37 + indicatorId.length * 11 + year) % 9) / 20; // 0.8–1.2, fixed per gemeente and year
        rows.push({ workspaceId: g.id, indicatorId, period: String(year), value: Math.round((people / 1000) * rate * spread) });
      }
    }
  }
  const id = await prepareImport(
    db,
    {
      workspaceId: region.id,
      kind: 'csv',
      source: DEMO_SOURCE,
      detail: 'demo.csv',
      definition: 'Verzonnen cijfers om Thuisplan te proberen.',
      rows,
      actorId,
    },
    gemeenten.map((g) => g.id)
  );
  await applyImport(db, region.id, id, actorId);
  await saveKnelpunt(
    db,
    region.id,
    {
      title: 'Te weinig doorstroomwoningen na beschermd wonen',
      targetGroupId: 'uitstroom-mo-bw',
      level: 'regionaal',
      status: 'open',
      description: 'Voorbeeld: wie klaar is om uit te stromen, wacht gemiddeld langer dan een jaar op een woning.',
      indicatorIds: ['uitstroom-mo-bw'],
    },
    actorId
  );
}
