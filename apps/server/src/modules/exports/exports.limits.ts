/** The `EXPORT_*` settings (config.ts). */
export interface ExportSettings {
  /** `statement_timeout` of export queries; a CSV export on PostgreSQL is one statement. */
  statementTimeoutMs: number;
}

/** What the `EXPORT_*` settings default to (config.ts), and what tests get without them. */
export const exportDefaults: ExportSettings = {
  // Ten minutes: a year's calls take well under a minute; a slow download gets the rest.
  statementTimeoutMs: 600_000,
};
