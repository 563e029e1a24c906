export * from './common/errors.ts';
export * from './common/pagination.ts';
export * from './common/scalars.ts';
export * from './organisations/organisation.ts';
export * from './jobs/job.ts';
export * from './health/health.ts';
export * from './identity/identity.ts';
export * from './audit/audit.ts';
