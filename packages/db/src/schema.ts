/** Every table, for Drizzle. */
export * from './organisations/schema.ts';
export * from './jobs/schema.ts';
export * from './idempotency/schema.ts';
export * from './identity/schema.ts';
export * from './audit/schema.ts';
export * from './notifications/schema.ts';
export * from './webhooks/schema.ts';
export * from './files/schema.ts';
export * from './reference/schema.ts';
export * from './carbon-accounts/schema.ts';
export * from './supervision/schema.ts';
