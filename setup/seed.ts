import { INDICATORS, TARGET_GROUPS } from '../app/features/analysis/catalogue.ts';
import type { Role } from '../db/schema.ts';
import type { DB } from '../db/index.ts';
import { generateToken } from '../app/auth/tokens.server.ts';
import { hashPassword } from '../app/auth/password.server.ts';
import { grantMembership } from '../app/core/memberships.server.ts';
import { createDocument } from '../app/features/documents/documents.server.ts';
import { createOrganisation } from '../app/features/accounts/organisations.server.ts';
import { createUser } from '../app/features/accounts/users.server.ts';
import { createWoondeal } from '../app/features/woondeals/woondeals.server.ts';
import { nowIso } from '../app/lib/time.ts';
import { seedDemoFigures } from './demo-figures.ts';
import { DEFAULT_CHECKLISTS } from '../app/features/steps/checklist-defaults.ts';

export const REGION = { slug: 'regio', name: 'Regio Enschede (MO/BW)' };

/** The eight gemeenten of the MO/BW cooperation (DOMAIN.md), with their CBS codes. */
export const GEMEENTEN = [
  { slug: 'enschede', name: 'Enschede', cbsCode: 'GM0153' },
  { slug: 'hengelo', name: 'Hengelo (O)', cbsCode: 'GM0164' },
  { slug: 'hof-van-twente', name: 'Hof van Twente', cbsCode: 'GM1735' },
  { slug: 'oldenzaal', name: 'Oldenzaal', cbsCode: 'GM0173' },
  { slug: 'dinkelland', name: 'Dinkelland', cbsCode: 'GM1774' },
  { slug: 'borne', name: 'Borne', cbsCode: 'GM0147' },
  { slug: 'haaksbergen', name: 'Haaksbergen', cbsCode: 'GM0158' },
  { slug: 'losser', name: 'Losser', cbsCode: 'GM0168' },
] as const;

const DEMO_ORGANISATION = 'Zorgpartner Twente (demo)';

export const DEMO_ACCOUNTS: ReadonlyArray<{
  email: string;
  name: string;
  organisation: string;
  isAdmin?: boolean;
  roles: ReadonlyArray<[slug: string, role: Role]>;
}> = [
  {
    email: 'regie@demo.thuisplan.nl',
    name: 'Rian Regie',
    organisation: 'Gemeente Enschede',
    roles: [['regio', 'projectleider']],
  },
  {
    email: 'enschede@demo.thuisplan.nl',
    name: 'Eva Enschede',
    organisation: 'Gemeente Enschede',
    roles: [
      ['regio', 'redacteur'],
      ['enschede', 'redacteur'],
    ],
  },
  {
    email: 'hengelo@demo.thuisplan.nl',
    name: 'Hans Hengelo',
    organisation: 'Gemeente Hengelo (O)',
    roles: [['hengelo', 'redacteur']],
  },
  { email: 'zorg@demo.thuisplan.nl', name: 'Zeynep Zorg', organisation: DEMO_ORGANISATION, roles: [['regio', 'commentator']] },
  {
    email: 'provincie@demo.thuisplan.nl',
    name: 'Pieter Provincie',
    organisation: 'Provincie Overijssel',
    roles: [['regio', 'lezer']],
  },
  { email: 'beheer@demo.thuisplan.nl', name: 'Bea Beheer', organisation: 'Gemeente Enschede', isAdmin: true, roles: [] },
];

/** The region, its gemeenten, their four steps and the organisations. Safe to run on every start. */
export async function seedBase(db: DB): Promise<void> {
  const now = nowIso();
  const region = await ensureWorkspace(db, { ...REGION, kind: 'regio', cbsCode: null, parentId: null }, now);
  for (const g of GEMEENTEN) {
    await ensureWorkspace(db, { slug: g.slug, name: g.name, kind: 'gemeente', cbsCode: g.cbsCode, parentId: region }, now);
  }
  const existing = new Set((await db.selectFrom('organisations').select('name').execute()).map((o) => o.name));
  const organisations = [
    ...GEMEENTEN.map((g) => ({ name: `Gemeente ${g.name}`, kind: 'gemeente' as const })),
    { name: 'Provincie Overijssel', kind: 'provincie' as const },
  ];
  for (const organisation of organisations) {
    if (!existing.has(organisation.name)) await createOrganisation(db, organisation, null);
  }
  await seedCatalogue(db, now);
}

/** The aandachtsgroepen and starting indicators; existing rows (perhaps edited) are left alone. */
async function seedCatalogue(db: DB, now: string): Promise<void> {
  for (const [position, group] of TARGET_GROUPS.entries()) {
    await db
      .insertInto('target_groups')
      .values({ ...group, position, created_at: now })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  for (const indicator of INDICATORS) {
    await db
      .insertInto('indicators')
      .values({
        id: indicator.id,
        name: indicator.name,
        unit: indicator.unit,
        target_group_id: indicator.targetGroupId,
        definition: indicator.definition,
        source: indicator.source,
        is_count: indicator.isCount ? 1 : 0,
        small_threshold: 10,
        created_at: now,
      })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}

async function ensureWorkspace(
  db: DB,
  w: { slug: string; name: string; kind: 'regio' | 'gemeente'; cbsCode: string | null; parentId: string | null },
  now: string
): Promise<string> {
  const found = await db.selectFrom('workspaces').select('id').where('slug', '=', w.slug).executeTakeFirst();
  const id = found?.id ?? crypto.randomUUID();
  if (!found) {
    await db
      .insertInto('workspaces')
      .values({ id, slug: w.slug, name: w.name, kind: w.kind, cbs_code: w.cbsCode, parent_id: w.parentId, created_at: now })
      .execute();
  }
  for (const number of [1, 2, 3, 4]) {
    await db
      .insertInto('steps')
      .values({
        id: crypto.randomUUID(),
        workspace_id: id,
        number,
        status: 'niet_gestart',
        owner_id: null,
        due_date: null,
        note: '',
        updated_at: now,
        updated_by: null,
      })
      .onConflict((oc) => oc.columns(['workspace_id', 'number']).doNothing())
      .execute();
  }
  return id;
}

/**
 * Creates the demo accounts when there are no users yet (and, unless `figures` is false, fictitious demo
 * figures for the monitor). Returns the password used, or null when nothing was created.
 */
export async function seedDemo(db: DB, password = generateToken().slice(0, 16), figures = true): Promise<string | null> {
  const anyUser = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (anyUser) return null;
  if (!(await db.selectFrom('organisations').select('id').where('name', '=', DEMO_ORGANISATION).executeTakeFirst())) {
    await createOrganisation(db, { name: DEMO_ORGANISATION, kind: 'zorgpartij' }, null);
  }
  const organisations = new Map(
    (await db.selectFrom('organisations').select(['id', 'name']).execute()).map((o) => [o.name, o.id])
  );
  const workspaces = new Map((await db.selectFrom('workspaces').select(['id', 'slug']).execute()).map((w) => [w.slug, w.id]));
  for (const account of DEMO_ACCOUNTS) {
    const user = await createUser(
      db,
      {
        email: account.email,
        name: account.name,
        passwordHash: await hashPassword(password),
        isAdmin: account.isAdmin,
        organisationId: organisations.get(account.organisation) ?? null,
      },
      null
    );
    for (const [slug, role] of account.roles) {
      await grantMembership(db, { workspaceId: workspaces.get(slug)!, userId: user.id, role }, null);
    }
    if (account.email === 'regie@demo.thuisplan.nl') {
      // Something to write in together straight away.
      await createDocument(
        db,
        {
          workspaceId: workspaces.get('regio')!,
          step: 2,
          title: 'Woonzorgvisie regio Enschede (concept)',
          template: 'woonzorgvisie',
        },
        user.id
      );
      if (figures) await seedDemoFigures(db, user.id);
      await seedDemoWoondeal(db, workspaces.get('regio')!, user.id);
    }
  }
  return password;
}

/** Twente's woondeal in the region's register (demo only), once. */
async function seedDemoWoondeal(db: DB, regionId: string, actorId: string): Promise<void> {
  const name = 'Regionale Woondeal Twente';
  const found = await db
    .selectFrom('woondeals')
    .select('id')
    .where('workspace_id', '=', regionId)
    .where('name', '=', name)
    .executeTakeFirst();
  if (found) return;
  await createWoondeal(
    db,
    regionId,
    {
      name,
      sourceDocument: 'Regionale Woondeal Twente, 21 december 2022',
      signedOn: '2022-12-21',
      targetHomes: 14_100,
      targetYear: 2030,
      shareSocial: 30,
      shareMiddle: 40,
      shareExpensive: 30,
      note: 'Afspraken van de Twentse gemeenten, de provincie Overijssel en het Rijk over de woningbouw tot en met 2030: 30 % sociale huur, 40 % middenhuur en betaalbare koop, 30 % duurder.',
    },
    actorId
  );
}

/**
 * Gives every workspace without a checklist the default one of each step (a new workspace, or one from
 * before checklists existed). Runs after the migrations, at every start: a workspace keeps what its
 * projectleider made of it.
 */
export async function seedDefaultChecklists(db: DB, now = nowIso()): Promise<void> {
  const bare = await db
    .selectFrom('workspaces')
    .select('id')
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('checklist_items').select('id').whereRef('checklist_items.workspace_id', '=', 'workspaces.id')))
    )
    .execute();
  for (const { id } of bare) {
    await db
      .insertInto('checklist_items')
      .values(
        Object.entries(DEFAULT_CHECKLISTS).flatMap(([step, texts]) =>
          texts.map((text, position) => ({
            id: crypto.randomUUID(),
            workspace_id: id,
            step: Number(step),
            position,
            text,
            created_at: now,
            updated_at: now,
          }))
        )
      )
      .execute();
  }
}
