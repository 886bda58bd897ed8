import { pipeline, Readable } from 'node:stream';
import { and, gte, inArray, lt, type SQL } from 'drizzle-orm';
import type { AppAbility } from '@watchfloor/authz';
import {
  callExportEstimateQuerySchema,
  callExportQuerySchema,
  statsExportQuerySchema,
  type AgencyConfig,
  type CallExportEstimate,
  type CallExportEstimateQuery,
  type ExportOutcome,
  estimateRowCap,
} from '@watchfloor/contracts';
import { abilityFilter } from '../../authz/ability-sql.ts';
import { calls } from '../../db/schema.ts';
import { forbidden, parseInput } from '../../http/errors.ts';
import type { Actor } from '../audit/actor.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { callColumns } from '../calls/calls.repo.ts';
import type { StatsService } from '../stats/stats.service.ts';
import { createExportAudit } from './exports.audit.ts';
import { exportColumnsFor } from './exports.columns.ts';
import { contentTypes, CsvRecordCounter, exportFileName } from './exports.files.ts';
import {
  callFile,
  csvFromCells,
  csvLine,
  xlsxWorkbook,
  type ExportContext,
  type ExportProgress,
} from './exports.formats.ts';
import {
  createExportSlots,
  exportDefaults,
  type ExportLimits,
  type ExportSlots,
} from './exports.limits.ts';
import type { CallExportPlan, CopyExport, ExportsRepo } from './exports.repo.ts';
import { statsCsv, statsXlsxRows, statsHeader } from './exports.stats.ts';
import { districtIn } from '../calls/call-filters.ts';

export interface ExportsServiceDeps {
  exportsRepo: ExportsRepo;
  statsService: StatsService;
  auditService: AuditService;
  agency: AgencyConfig;
  /** Exports running at once; `exportDefaults` when not given. */
  limits?: ExportLimits;
  /** Places shared with the other exports of this process (the audit log's); else its own. */
  slots?: ExportSlots;
  /** Rows per keyset page (PGlite CSV and every non-COPY format). */
  batchSize?: number;
}

/** An export ready to stream: what the response says about it, then its bytes. */
export interface PreparedExport {
  fileName: string;
  contentType: string;
  timeZone: string;
  /** Starts reading from the database; the stream ends when the file is complete. */
  open(): Promise<Readable>;
  /** Ends database work (cancelling it unless completed), frees its place, writes the audit event. */
  finish(outcome: ExportOutcome, error?: unknown): Promise<void>;
}

const byteOrderMark = '\uFEFF';

/** Calls an export covers: its period and filters, within what the requester may export. */
export function callsCovered(ability: AppAbility, query: CallExportEstimateQuery): SQL {
  return and(
    abilityFilter(ability, 'export', 'Call', callColumns),
    gte(calls.receivedAt, new Date(query.from)),
    lt(calls.receivedAt, new Date(query.to)),
    query.district ? districtIn(query.district) : undefined,
    query.priority ? inArray(calls.priority, query.priority) : undefined,
    query.callType ? inArray(calls.callType, query.callType) : undefined,
    query.status ? inArray(calls.status, query.status) : undefined,
  )!;
}

const filtersOf = (query: Record<string, unknown>, names: readonly string[]) =>
  Object.fromEntries(
    names.flatMap((name) => (query[name] === undefined ? [] : [[name, query[name]]])),
  );

/** Streaming exports of calls and statistics: authorised, field-ruled, audited. */
export function createExportsService(deps: ExportsServiceDeps) {
  const { exportsRepo, statsService, agency } = deps;
  const batchSize = deps.batchSize ?? 2000;
  const audit = createExportAudit(deps.auditService);
  const slots = deps.slots ?? createExportSlots(deps.limits ?? exportDefaults);

  function contextFor(exportedAt: Date, about: [string, string][]): ExportContext {
    return {
      agencyId: agency.id,
      agencyName: agency.name,
      timeZone: agency.timeZone,
      exportedAt: exportedAt.toISOString(),
      about: [
        ['Agency', `${agency.name} (${agency.id})`],
        ['Time zone', `${agency.timeZone}: instants are ISO 8601 with this zone's offset`],
        ['Exported at', exportedAt.toISOString()],
        ...about,
      ],
    };
  }

  const { denied, placeFor } = audit.gate(slots);

  return {
    /** Rows a call export with these filters would have (exact up to `estimateRowCap`). */
    async estimate(ability: AppAbility, input: unknown): Promise<CallExportEstimate> {
      if (ability.cannot('export', 'Call')) throw forbidden();
      const query = parseInput(callExportEstimateQuerySchema, input);
      const rows = await exportsRepo.count(callsCovered(ability, query), estimateRowCap);
      return { rows, exact: rows < estimateRowCap };
    },

    /** A call export: columns from the field rules, rows from the ability, in SQL. */
    async calls(ability: AppAbility, actor: Actor, input: unknown): Promise<PreparedExport> {
      if (ability.cannot('export', 'Call')) return denied(actor, 'call.export');
      const query = parseInput(callExportQuerySchema, input);
      const exportedAt = new Date();
      const plan: CallExportPlan = {
        where: callsCovered(ability, query),
        fields: exportColumnsFor(ability),
        timeZone: agency.timeZone,
      };
      const fileName = exportFileName({
        agencyId: agency.id,
        kind: 'calls',
        from: query.from,
        to: query.to,
        exportedAt,
        timeZone: agency.timeZone,
        format: query.format,
      });
      const filters = filtersOf(query, [
        'from',
        'to',
        'district',
        'priority',
        'callType',
        'status',
      ]);
      const progress: ExportProgress = { rows: 0 };
      const details = { purpose: query.purpose, format: query.format, filters };
      const place = await placeFor(actor, 'call.export', details);
      const record = audit.ending(
        actor,
        'call.export',
        { ...details, columns: plan.fields, fileName },
        progress,
      );
      const context = contextFor(exportedAt, [
        ['Period', `${query.from} to ${query.to} (received; end exclusive)`],
        ['Filters', JSON.stringify(filters)],
        ['Purpose', query.purpose],
        ['Exported by', actor.username ?? ''],
      ]);
      let copy: CopyExport | undefined;
      return {
        fileName,
        contentType: contentTypes[query.format],
        timeZone: agency.timeZone,
        async open() {
          const prefix = query.bom && query.format === 'csv' ? byteOrderMark : undefined;
          if (query.format === 'csv' && exportsRepo.canCopy) {
            copy = await exportsRepo.copyCsv(plan);
            const header = csvLine(plan.fields);
            // pipeline, not pipe: a failing COPY destroys the counter with its error, and
            // so fails the download; the response's own pipeline reports it.
            return pipeline(
              copy.csv,
              new CsvRecordCounter(progress, (prefix ?? '') + header),
              () => undefined,
            );
          }
          const chunks =
            query.format === 'csv'
              ? csvFromCells(plan.fields, exportsRepo.batches(plan, 'cells', batchSize), progress)
              : callFile(
                  query.format,
                  plan.fields,
                  () => exportsRepo.batches(plan, 'records', batchSize),
                  progress,
                  context,
                );
          return Readable.from(prefixed(prefix, chunks), { objectMode: false });
        },
        async finish(outcome, error) {
          try {
            // The connection goes back first: the audit insert may need a pooled one.
            await copy?.finish(outcome === 'completed' ? 'completed' : 'cancel');
          } finally {
            place.release();
          }
          await record(outcome, error);
        },
      };
    },

    /** The groups of `GET /api/stats/response-times` as CSV or XLSX. */
    async stats(ability: AppAbility, actor: Actor, input: unknown): Promise<PreparedExport> {
      if (ability.cannot('export', 'ResponseStats')) return denied(actor, 'stats.export');
      const query = parseInput(statsExportQuerySchema, input);
      const {
        format: _format,
        purpose: _purpose,
        bom: _bom,
        ...statsInput
      } = input as Record<string, unknown>;
      const details = { purpose: query.purpose, format: query.format };
      const place = await placeFor(actor, 'stats.export', details);
      let stats;
      try {
        stats = await statsService.responseTimes(ability, statsInput);
      } catch (error) {
        place.release();
        throw error;
      }
      const exportedAt = new Date();
      const fileName = exportFileName({
        agencyId: agency.id,
        kind: 'stats',
        from: query.from,
        to: query.to,
        exportedAt,
        timeZone: agency.timeZone,
        format: query.format,
      });
      const filters = filtersOf(query, [
        'metric',
        'from',
        'to',
        'groupBy',
        'district',
        'priority',
        'callType',
        'includeOfficerInitiated',
      ]);
      const progress: ExportProgress = { rows: 0 };
      const record = audit.ending(
        actor,
        'stats.export',
        { ...details, filters, fileName },
        progress,
      );
      const context = contextFor(exportedAt, [
        ['Metric', `${stats.metric} (seconds; definitions in docs/METRICS.md)`],
        ['Period', `${query.from} to ${query.to} (received; end exclusive)`],
        ['Filters', JSON.stringify(filters)],
        ['Purpose', query.purpose],
        ['Exported by', actor.username ?? ''],
      ]);
      return {
        fileName,
        contentType: contentTypes[query.format],
        timeZone: agency.timeZone,
        open() {
          const prefix = query.bom && query.format === 'csv' ? byteOrderMark : undefined;
          const chunks =
            query.format === 'csv'
              ? statsCsv(stats, progress)
              : xlsxWorkbook(
                  { name: 'Statistics', header: statsHeader(stats), rows: statsXlsxRows(stats) },
                  progress,
                  context,
                );
          return Promise.resolve(Readable.from(prefixed(prefix, chunks), { objectMode: false }));
        },
        finish: (outcome, error) => {
          place.release();
          return record(outcome, error);
        },
      };
    },
  };
}

async function* prefixed(
  prefix: string | undefined,
  chunks: AsyncIterable<string | Buffer>,
): AsyncGenerator<string | Buffer> {
  if (prefix) yield prefix;
  yield* chunks;
}

export type ExportsService = ReturnType<typeof createExportsService>;
