/**
 * Type parsing for both drivers, in one place, so PGlite and PostgreSQL return identical values:
 * int8 and numeric as strings (exact; never a float or BigInt), `date` as `YYYY-MM-DD`,
 * timestamptz as an ISO 8601 UTC string (millisecond precision, what JSON carries).
 */
export const pgOid = {
  int8: 20,
  numeric: 1700,
  date: 1082,
  timestamptz: 1184,
  timestamp: 1114,
} as const;

const asText = (value: string): string => value;
const instantToIso = (value: string): string => new Date(value).toISOString();

/** oid → parser from PostgreSQL's text output format. */
export const typeParsers: Record<number, (value: string) => unknown> = {
  [pgOid.int8]: asText,
  [pgOid.numeric]: asText,
  [pgOid.date]: asText,
  [pgOid.timestamptz]: instantToIso,
  [pgOid.timestamp]: asText,
};
