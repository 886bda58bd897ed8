import type { Readable } from 'node:stream';
import { sql, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { backendKeyOf, sendCancelRequest } from '../../db/cancel-request.ts';
import { queryRows, type Database } from '../../db/client.ts';
import { calls } from '../../db/schema.ts';
import { exportDefaults } from './exports.limits.ts';
import {
  aliased,
  assignedUnitsJoin,
  cellExpression,
  recordExpression,
  type ExportCallField,
} from './exports.columns.ts';

/** What one call export reads: the rows (filters and scope) and the columns. */
export interface CallExportPlan {
  where: SQL;
  fields: readonly ExportCallField[];
  /** IANA zone the instants are rendered in (the session `TimeZone` of each query). */
  timeZone: string;
}

/** `cells`: neutralised text per column (CSV); `records`: typed values (JSON, XLSX). */
export type Projection = 'cells' | 'records';
export type ExportRow = Record<string, unknown>;

/** A running `COPY … TO STDOUT`: the CSV bytes, and how to end it early. */
export interface CopyExport {
  /** Errors (and so fails the download) when the COPY or its connection fails. */
  csv: Readable;
  /** Commits and releases the connection, or (`cancel`) discards it and stops the query. */
  finish(outcome: 'completed' | 'cancel'): Promise<void>;
}

export interface ExportsRepoOptions {
  /** `statement_timeout` of every export query, in ms (the whole COPY is one statement). */
  statementTimeoutMs: number;
}

/** Long enough for any export, short enough that a leaked transaction cannot hold a connection for good. */
const idleInTransactionTimeoutMs = 60_000;

const dialect = new PgDialect();

/** The `pg` pool under a drizzle database, or undefined on PGlite. */
function poolOf(db: Database): pg.Pool | undefined {
  const client = (db as unknown as { $client?: unknown }).$client;
  return client instanceof pg.Pool ? client : undefined;
}

/**
 * COPY takes no bind parameters, so the parameters of the drizzle query are
 * inlined as escaped literals (`pg.escapeLiteral`); they are validated filter
 * values, and our SQL text holds no `$` of its own.
 */
export function inlineParameters(query: SQL): string {
  const { sql: text, params } = dialect.sqlToQuery(query);
  return text.replace(/\$(\d+)/g, (_, index: string) => {
    const value = params[Number(index) - 1];
    if (value === null || value === undefined) return 'NULL';
    if (value instanceof Date) return pg.escapeLiteral(value.toISOString());
    if (typeof value === 'string') return pg.escapeLiteral(value);
    if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
      return pg.escapeLiteral(value.toString());
    return pg.escapeLiteral(JSON.stringify(value));
  });
}

const selectFrom = (plan: CallExportPlan, projection: Projection | 'copy') => {
  const expression = (field: ExportCallField) =>
    projection === 'records'
      ? recordExpression(field)
      : cellExpression(field, projection === 'copy');
  return sql.join(
    plan.fields.map((field) => aliased(expression(field), field)),
    sql`, `,
  );
};

const order = sql`order by ${calls.receivedAt}, ${calls.id}`;
/** Transaction-local settings of every export query: the agency's zone and the time limit. */
const exportSettings = (timeZone: string, statementTimeoutMs: number) =>
  sql`select set_config('TimeZone', ${timeZone}, true),
    set_config('statement_timeout', ${String(statementTimeoutMs)}, true)`;

/** The `COPY (SELECT …) TO STDOUT WITH (FORMAT csv)` of a plan (no header: the service writes it at once), parameters inlined (also timed alone by the benchmark). */
export function copyStatement(plan: CallExportPlan): string {
  const units = plan.fields.includes('assignedUnits') ? assignedUnitsJoin(plan.where) : sql``;
  const select = inlineParameters(
    sql`select ${selectFrom(plan, 'copy')} from ${calls} ${units} where ${plan.where} ${order}`,
  );
  return `copy (${select}) to stdout with (format csv)`;
}

/** SQL only: the rows of call exports, as COPY or as keyset batches. */
export function createExportsRepo(
  db: Database,
  { statementTimeoutMs }: ExportsRepoOptions = {
    statementTimeoutMs: exportDefaults.statementTimeoutMs,
  },
) {
  const pool = poolOf(db);
  return {
    /** True when `COPY … TO STDOUT` is available (PostgreSQL through `pg`). */
    canCopy: pool !== undefined,

    /** Exact number of rows, counting at most `cap` (then at least `cap`). */
    async count(where: SQL, cap: number): Promise<number> {
      const [row] = await queryRows<{ rows: number }>(
        db,
        sql`select count(*)::int as rows from (select 1 from ${calls} where ${where} limit ${cap}) as capped`,
      );
      return row?.rows ?? 0;
    },

    /**
     * Keyset pages ordered by (received_at, id), each its own short transaction
     * in the agency time zone: constant memory, and no connection held between
     * pages, on both drivers.
     */
    async *batches(
      plan: CallExportPlan,
      projection: Projection,
      batchSize: number,
    ): AsyncGenerator<ExportRow[]> {
      let after: { at: string; id: string } | undefined;
      for (;;) {
        const keyset = after
          ? sql`and (${calls.receivedAt}, ${calls.id}) > (${after.at}::timestamptz, ${after.id}::uuid)`
          : sql``;
        const query = sql`select ${selectFrom(plan, projection)}, ${calls.receivedAt}::text as "__at", ${calls.id}::text as "__id"
          from ${calls} where (${plan.where}) ${keyset} ${order} limit ${batchSize}`;
        const rows = await db.transaction(async (tx) => {
          await tx.execute(exportSettings(plan.timeZone, statementTimeoutMs));
          return queryRows<ExportRow & { __at: string; __id: string }>(tx, query);
        });
        const last = rows.at(-1);
        if (!last) return;
        after = { at: last.__at, id: last.__id };
        for (const row of rows) {
          delete (row as Partial<typeof row>).__at;
          delete (row as Partial<typeof row>).__id;
        }
        yield rows;
        if (rows.length < batchSize) return;
      }
    },

    /**
     * `COPY (SELECT <columns> …) TO STDOUT WITH (FORMAT csv)` on a client
     * of its own, in a read-only transaction in the agency time zone. The stream
     * reads from the socket only as the response drains (back-pressure).
     */
    async copyCsv(plan: CallExportPlan): Promise<CopyExport> {
      if (!pool) throw new Error('COPY needs PostgreSQL');
      const client = await pool.connect();
      // A checked-out client has no listener of the pool's, and an 'error' without one
      // would end the process. The COPY stream reports the same failure to the export.
      const onConnectionError = () => undefined;
      client.on('error', onConnectionError);
      try {
        await client.query('begin read only');
        await client.query(
          `select set_config('TimeZone', $1, true), set_config('statement_timeout', $2, true),
             set_config('idle_in_transaction_session_timeout', $3, true),
             -- JIT compiles for the whole plan's estimated cost before the first row: it
             -- delays the first byte and never pays back on a scan that is output-bound.
             set_config('jit', 'off', true)`,
          [plan.timeZone, String(statementTimeoutMs), String(idleInTransactionTimeoutMs)],
        );
      } catch (error) {
        client.release(error as Error);
        throw error;
      }
      const key = backendKeyOf(client);
      const csv = client.query(copyTo(copyStatement(plan)));
      // pg-copy-streams emits its errors whether or not anyone listens; the export's
      // pipeline listens too, and this one only notes that the COPY is over.
      let copyRunning = true;
      csv.once('end', () => (copyRunning = false));
      csv.on('error', () => (copyRunning = false));
      let finished = false;
      return {
        csv,
        async finish(outcome) {
          if (finished) return;
          finished = true;
          if (outcome === 'completed') {
            try {
              await client.query('commit');
              client.off('error', onConnectionError);
              client.release();
            } catch (error) {
              client.release(error as Error);
            }
            return;
          }
          // Mid-COPY, or in a failed transaction: the connection is discarded, never
          // reused, which frees its pool slot at once (pg closes the socket of a
          // client whose query still runs). A backend still sorting before its first
          // row writes nothing, so it cannot notice; the cancel request stops it, and
          // needs no pooled connection, so it works when the pool is full.
          client.release(new Error('export ended early'));
          if (copyRunning && key) await sendCancelRequest(key);
        },
      };
    },
  };
}

export type ExportsRepo = ReturnType<typeof createExportsRepo>;
