/**
 * The kinds of record a file can be attached to. A file is readable by whoever may see the record
 * it belongs to; the rule for each kind lives in the server (modules/files/file-access.ts), which
 * must give one for every kind listed here — add the kind here and its rule there.
 *
 * - `enterprise`: an enterprise's submitted documents (energy data, reports); read like the
 *   enterprise's detailed data (its profile scope), uploaded by the enterprise itself.
 * - `organisation`: an organisation's own documents; read by its members, uploaded by its admins.
 */
export const fileAttachmentTypes = ['enterprise', 'organisation'] as const;
export type FileAttachmentType = (typeof fileAttachmentTypes)[number];
