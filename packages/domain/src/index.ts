/** Public API of @cfp/domain: pure calculations and reference-derived data, no I/O. */
export * from './identity/uscc.ts';
export * from './demo-city/city-areas.ts';
export * from './demo-city/organisations.ts';
export * from './identity/organisation-placement.ts';
export * from './identity/access.ts';
export * from './audit/canonical-json.ts';
export * from './audit/audit-chain.ts';
export * from './common/business-date.ts';
export * from './privacy/normalise-personal-data.ts';
export * from './privacy/masking.ts';
export * from './webhooks/webhook-rules.ts';
export * from './files/index.ts';
export * from './reference/reference-library.ts';
export * from './labels/decide-label.ts';
export * from './accounting/calculate-emissions.ts';
export * from './accounting/bulk-coefficients.ts';
