import type { PgTable } from 'drizzle-orm/pg-core';
import pg from 'pg';
import type * as schema from '../schema.ts';

type TableName = Extract<(typeof schema)[keyof typeof schema], PgTable>['_']['name'];
type TablePrivilege = 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE';

/**
 * What the running server does to each table, and nothing more. History
 * (audit and event log) is only ever added to, so the server may not change
 * or remove it even if the append-only triggers were gone. Typed over the
 * schema: a new table does not compile until it is listed here.
 */
export const runtimeTablePrivileges = {
  audit_events: ['SELECT', 'INSERT'],
  // The chain's head moves with every audit row; checkpoints are only ever added.
  audit_chain_head: ['SELECT', 'INSERT', 'UPDATE'],
  audit_checkpoints: ['SELECT', 'INSERT'],
  // Retention writes where the chain starts before it removes the oldest rows.
  audit_chain_starts: ['SELECT', 'INSERT'],
  call_events: ['SELECT', 'INSERT'],
  unit_events: ['SELECT', 'INSERT'],
  unit_positions: ['SELECT', 'INSERT'],
  // State that moves: status, assignments, versions, last-used and lockout stamps.
  calls: ['SELECT', 'INSERT', 'UPDATE'],
  call_assignments: ['SELECT', 'INSERT', 'UPDATE'],
  units: ['SELECT', 'INSERT', 'UPDATE'],
  users: ['SELECT', 'INSERT', 'UPDATE'],
  integration_tokens: ['SELECT', 'INSERT', 'UPDATE'],
  // Second factors: an MFA reset or re-enrolment removes them.
  user_totp: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'],
  user_recovery_codes: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'],
  webauthn_credentials: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'],
  // The session store deletes on sign-out, revocation and expiry.
  sessions: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'],
} as const satisfies Record<TableName, readonly TablePrivilege[]>;

/** `nextval` only (USAGE): the bigserial ids of the history tables and the incident numbers. */
export const runtimeSequences = [
  'audit_events_id_seq',
  'audit_checkpoints_id_seq',
  'audit_chain_starts_id_seq',
  'call_events_id_seq',
  'unit_events_id_seq',
  'unit_positions_id_seq',
  'call_incident_seq',
] as const;

/**
 * The retention functions (migration 0011): owned by the owner, SECURITY DEFINER, each
 * removes only what its rules allow (audit rows older than 365 days below a signed chain
 * start, positions, caller data of closed calls). The runtime role's only way to remove
 * history; it still has no DELETE or UPDATE on those tables.
 */
export const runtimeFunctions = [
  'retention_purge_audit_events(timestamptz, integer)',
  'retention_purge_unit_positions(timestamptz, integer)',
  'retention_redact_call_events(uuid[], text[])',
] as const;

const id = (name: string) => pg.escapeIdentifier(name);

/**
 * Gives `runtimeRole` exactly the privileges above, in one transaction so a
 * running server never sees a gap. Run by the owner of the tables (after each
 * migration) or by a superuser. Whatever the role held before is revoked first.
 */
export async function grantRuntimePrivileges(client: pg.ClientBase, runtimeRole: string) {
  const role = id(runtimeRole);
  const { rows } = await client.query<{ name: string }>(
    `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and c.relkind in ('r', 'p', 'S')`,
  );
  const present = new Set(rows.map((row) => row.name));
  const { rows: routines } = await client.query<{ signature: string }>(
    `select signature from unnest($1::text[]) as signature
     where to_regprocedure('public.' || signature) is not null`,
    [runtimeFunctions],
  );
  const presentRoutines = new Set(routines.map((row) => row.signature));
  const statements = [
    `revoke all on all tables in schema public from ${role}`,
    `revoke all on all sequences in schema public from ${role}`,
    `grant usage on schema public to ${role}`,
    ...Object.entries(runtimeTablePrivileges)
      .filter(([table]) => present.has(table))
      .map(([table, privileges]) => `grant ${privileges.join(', ')} on ${id(table)} to ${role}`),
    ...runtimeSequences
      .filter((sequence) => present.has(sequence))
      .map((sequence) => `grant usage on sequence ${id(sequence)} to ${role}`),
    `revoke all on all functions in schema public from ${role}`,
    ...runtimeFunctions
      .filter((signature) => presentRoutines.has(signature))
      .map((signature) => `grant execute on function public.${signature} to ${role}`),
    // Readiness compares applied and shipped migrations.
    `revoke all on drizzle.__drizzle_migrations from ${role}`,
    `grant usage on schema drizzle to ${role}`,
    `grant select on drizzle.__drizzle_migrations to ${role}`,
  ];
  await client.query('begin');
  try {
    for (const statement of statements) await client.query(statement);
    await client.query('commit');
  } catch (error) {
    await client.query('rollback');
    throw error;
  }
}
