import pg from 'pg';

const id = (name: string) => pg.escapeIdentifier(name);

/** The schemas Watchfloor's migrations write: its tables, and drizzle's record of migrations. */
const schemas = ['public', 'drizzle'];

const relationKinds: Record<string, string> = {
  r: 'table',
  p: 'table',
  v: 'view',
  m: 'materialized view',
  f: 'foreign table',
  S: 'sequence',
};

/**
 * Makes `owner` the owner of the database, its schemas and every object in
 * them. Whoever owns a table (or the schema it sits in) can disable its
 * triggers or drop it, so after this only the owner and superusers can; an
 * older install where the server's own role created everything is taken over.
 */
export async function transferOwnership(client: pg.ClientBase, owner: string) {
  const to = `owner to ${id(owner)}`;
  const { rows: databases } = await client.query<{ name: string }>(
    'select current_database() as name',
  );
  await client.query(`alter database ${id(databases[0]!.name)} ${to}`);
  const { rows: present } = await client.query<{ name: string }>(
    'select nspname as name from pg_namespace where nspname = any($1)',
    [schemas],
  );
  for (const { name } of present) await client.query(`alter schema ${id(name)} ${to}`);

  // Sequences behind serial or identity columns follow their table.
  const { rows: relations } = await client.query<{ name: string; kind: string }>(
    `select c.oid::regclass::text as name, c.relkind::text as kind
     from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = any($1) and c.relkind = any($2)
       and not exists (select 1 from pg_depend d
                       where d.classid = 'pg_class'::regclass and d.objid = c.oid
                         and d.deptype in ('a', 'i'))`,
    [schemas, Object.keys(relationKinds)],
  );
  for (const { name, kind } of relations) {
    await client.query(`alter ${relationKinds[kind]} ${name} ${to}`);
  }

  // The trigger functions: whoever owns one can replace it with one that lets everything through.
  const { rows: routines } = await client.query<{ signature: string }>(
    `select p.oid::regprocedure::text as signature
     from pg_proc p join pg_namespace n on n.oid = p.pronamespace
     where n.nspname = any($1) and p.prokind in ('f', 'p')`,
    [schemas],
  );
  for (const { signature } of routines) await client.query(`alter routine ${signature} ${to}`);

  const { rows: types } = await client.query<{ name: string; kind: string }>(
    `select t.oid::regtype::text as name, t.typtype::text as kind
     from pg_type t join pg_namespace n on n.oid = t.typnamespace
     where n.nspname = any($1) and t.typtype in ('e', 'd')`,
    [schemas],
  );
  for (const { name, kind } of types) {
    await client.query(`alter ${kind === 'd' ? 'domain' : 'type'} ${name} ${to}`);
  }
}

/**
 * Takes away what PostgreSQL gives everyone by default (CONNECT and TEMPORARY
 * on the database, EXECUTE on functions) and anything granted to the runtime
 * role by hand, such as the common `GRANT ALL ON SCHEMA public`.
 */
export async function revokeDefaults(client: pg.ClientBase, runtime: string) {
  const { rows } = await client.query<{ name: string }>('select current_database() as name');
  const database = id(rows[0]!.name);
  const role = id(runtime);
  const { rows: present } = await client.query<{ name: string }>(
    'select nspname as name from pg_namespace where nspname = any($1)',
    [schemas],
  );
  const statements = [
    `revoke all on database ${database} from public, ${role}`,
    `grant connect on database ${database} to ${role}`,
    ...present.flatMap(({ name }) => [
      `revoke all on schema ${id(name)} from public, ${role}`,
      `revoke all on all functions in schema ${id(name)} from public, ${role}`,
      `revoke all on all tables in schema ${id(name)} from public, ${role}`,
      `revoke all on all sequences in schema ${id(name)} from public, ${role}`,
    ]),
  ];
  for (const statement of statements) await client.query(statement);
}
