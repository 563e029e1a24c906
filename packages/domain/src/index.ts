/** Public API of @cfp/domain: pure calculations and reference-derived data, no I/O. */
export * from './identity/uscc.ts';
export * from './demo-city/city-areas.ts';
export * from './demo-city/organisations.ts';
export * from './identity/organisation-placement.ts';
