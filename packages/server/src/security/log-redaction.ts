/**
 * Personal data kept out of structured logs: pino `redact` paths for the fields that carry a
 * resident's phone number, name or ID number, at the top level of a log object and up to two
 * levels below it (`{ phone }`, `{ resident: { phone } }`, `{ body: { resident: { phone } } }`,
 * array elements included). Deeper values are not covered: log ids, not whole records.
 *
 * Redaction sees only structured fields; a phone number interpolated into the message string is
 * not caught, so never put personal data in messages.
 *
 * @example pino({ redact: { paths: [...personalDataRedactPaths], censor: personalDataCensor } })
 */

/** Field names that always hold personal data, whatever object they are in. */
const personalFields = ['phone', 'phoneNumber', 'mobile', 'realName', 'idNumber'] as const;

/** Objects whose `name` is a person's name (elsewhere `name` is an organisation, area, job…). */
const personObjects = ['resident', 'person'] as const;

/** Replacement text; the lead may prefer the logger's existing censor. */
export const personalDataCensor = '[masked]';

/** pino redact paths (fast-redact syntax); each `*` matches one level, arrays included. */
export const personalDataRedactPaths: readonly string[] = [
  ...personalFields.flatMap((field) => [field, `*.${field}`, `*.*.${field}`]),
  ...personObjects.flatMap((object) => [`${object}.name`, `*.${object}.name`]),
];
