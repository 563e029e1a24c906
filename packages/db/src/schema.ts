/** Every table, for Drizzle. */
export * from './organisations/schema.ts';
export * from './jobs/schema.ts';
export * from './idempotency/schema.ts';
export * from './identity/schema.ts';
export * from './audit/schema.ts';
