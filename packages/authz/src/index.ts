export * from './vocabulary.ts';
export * from './ability.ts';
export * from './fields.ts';
export * from './payloads.ts';
