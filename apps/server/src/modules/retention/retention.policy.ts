/** How long each kind of data is kept, in days, and the rows per purge transaction. */
export interface RetentionPolicy {
  positionsDays: number;
  callerDataDays: number;
  auditDays: number;
  sessionsDays: number;
  batchSize: number;
}

/** The defaults of `RETENTION_*` (config.ts) and of services built without them (tests). */
export const retentionDefaults: RetentionPolicy = {
  positionsDays: 90,
  callerDataDays: 365,
  // CJIS AU-11: audit records at least one year; the SQL function refuses anything younger.
  auditDays: 365,
  sessionsDays: 0,
  batchSize: 1_000,
};

/** The shortest audit retention accepted, here and (as 365 days) in the purge function. */
export const minimumAuditDays = 365;
