export * from './call-status.ts';
export * from './unit-status.ts';
export * from './geo.ts';
