export * from './errors.ts';
export * from './auth.ts';
export * from './agency.ts';
export * from './users.ts';
export * from './audit.ts';
export * from './calls.ts';
export * from './units.ts';
export * from './ingest.ts';
