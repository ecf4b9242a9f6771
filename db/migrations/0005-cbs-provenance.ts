import { sql, type Kysely } from 'kysely';

// Figures from CBS as CBS serves them: each figure keeps its peildatum and CBS's status, each CBS
// import what its figures are (topic and categories). One source per CBS table whatever the casing
// of its id: earlier spellings are merged into the latest, keeping the latest import's figure. And which
// source the monitor shows per indicator, when the region chose one.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('data_imports').addColumn('cbs_link', 'text').execute();
  await db.schema
    .createTable('indicator_sources')
    .addColumn('region_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('indicator_id', 'text', (c) => c.notNull().references('indicators.id').onDelete('cascade'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('chosen_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('chosen_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('indicator_sources_pk', ['region_id', 'indicator_id'])
    .execute();

  // Where two spellings hold the same figure, the older one is stale: keep the latest import's.
  await sql`
    delete from observations where id in (
      select o.id from observations o
      join data_imports i on i.id = o.import_id
      where i.kind = 'cbs' and exists (
        select 1 from observations o2 join data_imports i2 on i2.id = o2.import_id
        where o2.indicator_id = o.indicator_id and o2.workspace_id = o.workspace_id and i2.workspace_id = i.workspace_id
          and o2.period = o.period and lower(o2.source) = lower(o.source) and o2.id <> o.id
          and (coalesce(i2.applied_at, i2.created_at) > coalesce(i.applied_at, i.created_at)
            or (coalesce(i2.applied_at, i2.created_at) = coalesce(i.applied_at, i.created_at) and o2.id > o.id))))`.execute(db);
  // Then the spelling of each CBS table's latest import wins.
  await sql`
    update data_imports set source = (
      select later.source from data_imports later
      where later.kind = 'cbs' and lower(later.source) = lower(data_imports.source)
      order by later.created_at desc limit 1)
    where kind = 'cbs'`.execute(db);
  await sql`
    update observations set source = (
      select i.source from data_imports i where i.id = observations.import_id)
    where import_id in (select id from data_imports where kind = 'cbs')`.execute(db);

  // A figure belongs to the workspace that imported it: a gemeente's import of a source with the same name as
  // the region's never replaces the region's figure. The key gains the importer (SQLite: a new table), and
  // each figure keeps its peildatum and CBS status.
  await sql`
    create table observations_new (
      id integer primary key autoincrement,
      indicator_id text not null references indicators(id) on delete cascade,
      workspace_id text not null references workspaces(id) on delete cascade,
      period text not null,
      value real not null,
      source text not null,
      import_id text not null references data_imports(id) on delete cascade,
      imported_by text not null references workspaces(id) on delete cascade,
      peildatum text,
      status text,
      constraint observations_key unique (indicator_id, workspace_id, period, source, imported_by)
    )`.execute(db);
  await sql`
    insert into observations_new (id, indicator_id, workspace_id, period, value, source, import_id, imported_by)
    select o.id, o.indicator_id, o.workspace_id, o.period, o.value, o.source, o.import_id, i.workspace_id
    from observations o join data_imports i on i.id = o.import_id`.execute(db);
  await sql`drop table observations`.execute(db);
  await sql`alter table observations_new rename to observations`.execute(db);
  await db.schema.createIndex('observations_period').on('observations').columns(['period', 'indicator_id']).execute();

  // Dak- en thuislozen have no CBS table per gemeente; the seed said otherwise.
  await sql`
    update indicators set source = ${'Geen CBS-tabel per gemeente (80799ned is landelijk, de Monitor Dakloosheid per centrumregio): importeer de registratie van de centrumgemeente of partners als CSV.'}
    where id = 'dak-en-thuislozen' and source = 'CBS 85980NED'`.execute(db);
}
