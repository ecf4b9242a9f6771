import fs from 'node:fs';
import path from 'node:path';
import type { DB } from '../db/index.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { DEMO_ACCOUNTS, seedBase, seedDefaultChecklists, seedDemo } from './seed.ts';

export interface PrepareOptions {
  demo: boolean;
  demoPassword?: string;
  /** Where a generated demo password is kept, so that a restart can show it again. */
  demoPasswordFile?: string;
  /** Fictitious figures in the monitor (on unless turned off; the tests start from an empty monitor). */
  demoFigures?: boolean;
}

/** Migrates, seeds the workspaces and, in demo mode, the demo accounts. Returns lines to print. */
export async function prepareDatabase(db: DB, options: PrepareOptions): Promise<string[]> {
  await migrateToLatest(db);
  await seedBase(db);
  await seedDefaultChecklists(db);
  if (!options.demo) return [];

  const created = await seedDemo(db, options.demoPassword || undefined, options.demoFigures ?? true);
  if (created && !options.demoPassword && options.demoPasswordFile) {
    fs.mkdirSync(path.dirname(options.demoPasswordFile), { recursive: true });
    fs.writeFileSync(options.demoPasswordFile, `${created}\n`, { mode: 0o600 });
  }
  const password =
    options.demoPassword ||
    created ||
    (options.demoPasswordFile && fs.existsSync(options.demoPasswordFile)
      ? fs.readFileSync(options.demoPasswordFile, 'utf8').trim()
      : null);
  const demoUsers = await db
    .selectFrom('users')
    .select('email')
    .where(
      'email',
      'in',
      DEMO_ACCOUNTS.map((a) => a.email)
    )
    .execute();
  if (demoUsers.length === 0) return [];
  return [
    'Demo-accounts (demomodus; uit met THUISPLAN_DEMO=0):',
    ...DEMO_ACCOUNTS.filter((a) => demoUsers.some((u) => u.email === a.email)).map(
      (a) => `  ${a.email.padEnd(30)} ${a.isAdmin ? 'beheerder' : a.roles.map(([slug, role]) => `${role} in ${slug}`).join(', ')}`
    ),
    password ? `  wachtwoord voor alle demo-accounts: ${password}` : '  wachtwoord: zoals bij de eerste start getoond',
  ];
}
