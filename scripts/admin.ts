// `npm run admin -- --email X [--name "Naam"]`: creates a beheerder (or makes an existing user one)
// and prints a one-time link to set a password. For a fresh installation outside demo mode.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { openDatabase, DEFAULT_DATABASE_PATH } from '../db/index.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { seedBase, seedDefaultChecklists } from '../setup/seed.ts';
import { createPasswordToken, createUser, getUserByEmail, updateUserByAdmin } from '../app/features/accounts/users.server.ts';
import { emailField } from '../app/core/validation.ts';

const { values } = parseArgs({
  options: { email: { type: 'string' }, name: { type: 'string' }, url: { type: 'string' } },
});
const email = emailField.safeParse(values.email);
if (!email.success) {
  console.error(
    'Gebruik: npm run admin -- --email naam@organisatie.nl [--name "Voor Achternaam"] [--url https://thuisplan.example.nl]'
  );
  console.error(email.error.issues[0]?.message ?? 'Ongeldig e-mailadres.');
  process.exit(2);
}
const name = z
  .string()
  .trim()
  .min(2)
  .max(100)
  .safeParse(values.name ?? email.data.split('@')[0]);
const baseUrl = values.url ?? process.env.APP_ORIGIN?.split(',')[0] ?? `http://localhost:${process.env.PORT ?? 3000}`;

const databasePath = process.env.DATABASE_PATH || DEFAULT_DATABASE_PATH;
const db = openDatabase(databasePath);
await migrateToLatest(db);
await seedBase(db);
await seedDefaultChecklists(db);
const existing = await getUserByEmail(db, email.data);
const user =
  existing ?? (await createUser(db, { email: email.data, name: name.success ? name.data : email.data, isAdmin: true }, null));
if (existing && existing.is_admin !== 1) await updateUserByAdmin(db, existing.id, { isAdmin: true }, existing.id);
const token = await createPasswordToken(db, user.id, null);
console.log(`${existing ? 'Bestaande gebruiker' : 'Nieuwe beheerder'} ${user.email} in ${path.resolve(databasePath)}`);
console.log(`Eenmalige link om een wachtwoord te kiezen (7 dagen geldig):`);
console.log(new URL(`/wachtwoord-instellen/${token}`, baseUrl).href);
await db.destroy();
