import pg from 'pg';
import { migratePostgres } from '../client.ts';
import { revokeDefaults, transferOwnership } from './ownership.ts';
import { grantRuntimePrivileges } from './runtime-privileges.ts';
import { scramVerifier } from './scram.ts';

export interface RoleSetup {
  /** A superuser connection to the Watchfloor database. */
  adminUrl: string;
  /** Owns the schema and applies migrations; NOLOGIN unless it gets a password. */
  owner: string;
  /** The role in the server's DATABASE_URL. */
  runtime: string;
  ownerPassword?: string;
  runtimePassword?: string;
}

const rolePattern = /^[a-z_][a-z0-9_]{0,62}$/;
const id = (name: string) => pg.escapeIdentifier(name);

function checkNames({ owner, runtime }: RoleSetup) {
  for (const [option, name] of [
    ['--owner', owner],
    ['--runtime', runtime],
  ]) {
    if (!rolePattern.test(name!)) {
      throw new Error(`${option}: a role name of lower-case letters, digits and _ (got "${name}")`);
    }
  }
  if (owner === runtime) {
    throw new Error('--owner and --runtime must be different roles: the point is to separate them');
  }
}

/** Creates the role if missing; a given password (and LOGIN with it) replaces the old one. */
async function ensureRole(
  client: pg.ClientBase,
  name: string,
  { login, password }: { login: boolean; password?: string },
) {
  const { rowCount } = await client.query('select 1 from pg_roles where rolname = $1', [name]);
  const secret =
    password === undefined ? '' : ` password ${pg.escapeLiteral(scramVerifier(password))}`;
  const canLogin = login || password !== undefined ? 'login' : 'nologin';
  if (rowCount === 0) await client.query(`create role ${id(name)} ${canLogin}${secret}`);
  else if (login || password !== undefined) {
    await client.query(`alter role ${id(name)} login${secret}`);
  }
}

/**
 * The runtime role must hold nothing beyond what is granted here: a superuser
 * ignores privileges, CREATEROLE could grant itself the owner, and membership
 * in another role (the owner, `pg_write_all_data`, …) brings that role's rights.
 */
async function refuseUnsafeRuntime(client: pg.ClientBase, runtime: string) {
  const { rows } = await client.query<{ superuser: boolean; createrole: boolean }>(
    'select rolsuper as superuser, rolcreaterole as createrole from pg_roles where rolname = $1',
    [runtime],
  );
  const { rows: memberships } = await client.query<{ name: string }>(
    `select g.rolname as name from pg_auth_members m
     join pg_roles g on g.oid = m.roleid join pg_roles r on r.oid = m.member
     where r.rolname = $1 order by 1`,
    [runtime],
  );
  const problems = [
    rows[0]?.superuser ? 'is a superuser' : null,
    rows[0]?.createrole ? 'has CREATEROLE' : null,
    memberships.length > 0 ? `is a member of ${memberships.map((m) => m.name).join(', ')}` : null,
  ].filter(Boolean);
  if (problems.length > 0) {
    throw new Error(
      `The runtime role ${runtime} ${problems.join(' and ')}; it could rewrite the audit log. ` +
        'Use a plain LOGIN role, or remove these rights first.',
    );
  }
}

async function inTransaction(client: pg.ClientBase, work: () => Promise<void>) {
  await client.query('begin');
  try {
    await work();
    await client.query('commit');
  } catch (error) {
    await client.query('rollback');
    throw error;
  }
}

/**
 * Separates the role that owns the schema from the role the server runs as,
 * on the database of `adminUrl`: creates both roles, hands the schema to the
 * owner, applies pending migrations as the owner and grants the runtime role
 * only what the server does. Idempotent: re-run it after every upgrade.
 */
export async function setUpDatabaseRoles(setup: RoleSetup): Promise<{ migrated: number }> {
  checkNames(setup);
  const client = new pg.Client({ connectionString: setup.adminUrl });
  await client.connect();
  try {
    await inTransaction(client, async () => {
      // Before any change: a refused role keeps its password and attributes.
      await refuseUnsafeRuntime(client, setup.runtime);
      await ensureRole(client, setup.owner, { login: false, password: setup.ownerPassword });
      await ensureRole(client, setup.runtime, { login: true, password: setup.runtimePassword });
      await transferOwnership(client, setup.owner);
      await revokeDefaults(client, setup.runtime);
    });
    // As the owner, so that what the migrations create belongs to it.
    await client.query(`set role ${id(setup.owner)}`);
    const migrated = await migratePostgres(client);
    await grantRuntimePrivileges(client, setup.runtime);
    await client.query('reset role');
    return { migrated };
  } finally {
    await client.end();
  }
}
