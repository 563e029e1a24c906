/** Outgoing webhooks: target addresses and URLs, signatures, the retry schedule, who manages them. */
export * from './address-rules.ts';
export * from './webhook-url.ts';
export * from './signature.ts';
export * from './retry-schedule.ts';
export * from './webhook-access.ts';
