import { Readable } from 'node:stream';
import { formatInTimeZone } from 'date-fns-tz';
import type { AppAbility } from '@watchfloor/authz';
import {
  auditExportQuerySchema,
  type AgencyConfig,
  type AuditEventView,
} from '@watchfloor/contracts';
import { parseInput } from '../../http/errors.ts';
import { createExportAudit } from '../exports/exports.audit.ts';
import { neutralised } from '../exports/exports.columns.ts';
import { contentTypes } from '../exports/exports.files.ts';
import { csvLine, type ExportProgress } from '../exports/exports.formats.ts';
import type { ExportSlots } from '../exports/exports.limits.ts';
import type { PreparedExport } from '../exports/exports.service.ts';
import type { Actor } from './actor.ts';
import { auditEventPresenter } from './audit.presenter.ts';
import type { AuditRepo } from './audit.repo.ts';
import type { AuditService } from './audit.service.ts';

/** The columns of the audit log's CSV, in order. */
export const auditCsvColumns = [
  'id',
  'at',
  'actorUsername',
  'actorLabel',
  'action',
  'subjectType',
  'subjectId',
  'subjectLabel',
  'outcome',
  'ip',
  'userAgent',
  'requestId',
  'details',
  'hash',
] as const satisfies readonly (keyof AuditEventView)[];

/** One event as CSV cells: details as JSON, every text cell neutralised against formulas. */
function auditCsvCells(event: AuditEventView): (string | null)[] {
  return auditCsvColumns.map((column) => {
    const value = event[column];
    if (value === null) return null;
    return neutralised(typeof value === 'object' ? JSON.stringify(value) : String(value));
  });
}

const byteOrderMark = '\uFEFF';

const parseQuery = (input: unknown) => parseInput(auditExportQuerySchema, input);
type AuditSearch = Omit<ReturnType<typeof parseQuery>, 'purpose' | 'bom'>;

/**
 * The audit log as CSV: every event the search finds, newest first, read in keyset
 * pages of `batchSize` (memory stays bounded, and the next page is read only when the
 * response has taken the last), shown exactly as the list shows them. Admin only;
 * the export is itself audited with its purpose, filters and the rows sent.
 */
export function createAuditExport(deps: {
  auditRepo: AuditRepo;
  auditService: AuditService;
  agency: AgencyConfig;
  /** Places shared with the call and statistics exports. */
  slots: ExportSlots;
  batchSize?: number;
}) {
  const { auditRepo, agency } = deps;
  const batchSize = deps.batchSize ?? 1000;
  const audit = createExportAudit(deps.auditService);
  const { denied, placeFor } = audit.gate(deps.slots);

  async function* csv(
    ability: AppAbility,
    filters: AuditSearch,
    progress: ExportProgress,
    prefix: string,
  ): AsyncGenerator<string> {
    yield prefix + csvLine(auditCsvColumns);
    let before: number | undefined;
    for (;;) {
      const rows = await auditRepo.list({ ...filters, before, limit: batchSize });
      if (rows.length === 0) return;
      const present = auditEventPresenter(ability, await auditRepo.labels(rows));
      yield rows.map((row) => csvLine(auditCsvCells(present(row)))).join('');
      progress.rows += rows.length;
      if (rows.length < batchSize) return;
      before = rows.at(-1)!.id;
    }
  }

  return {
    async csv(ability: AppAbility, actor: Actor, input: unknown): Promise<PreparedExport> {
      if (ability.cannot('export', 'AuditEvent')) return denied(actor, 'audit.export');
      const { purpose, bom, ...filters } = parseQuery(input);
      const details = { purpose, filters };
      const place = await placeFor(actor, 'audit.export', details);
      const exportedAt = new Date();
      const stamp = formatInTimeZone(exportedAt, agency.timeZone, "yyyyMMdd'T'HHmmssxx");
      const zone = agency.timeZone.replace(/[^A-Za-z0-9_+-]/g, '-');
      const fileName = `${agency.id}_audit_exported-${stamp}_tz-${zone}.csv`;
      const progress: ExportProgress = { rows: 0 };
      const record = audit.ending(actor, 'audit.export', { ...details, fileName }, progress);
      return {
        fileName,
        contentType: contentTypes.csv,
        timeZone: agency.timeZone,
        open: () =>
          Promise.resolve(
            Readable.from(csv(ability, filters, progress, bom ? byteOrderMark : ''), {
              objectMode: false,
            }),
          ),
        finish: (outcome, error) => {
          place.release();
          return record(outcome, error);
        },
      };
    },
  };
}

export type AuditExport = ReturnType<typeof createAuditExport>;
