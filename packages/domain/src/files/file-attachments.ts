/**
 * The kinds of record a file can be attached to. A file is readable by whoever may see the record
 * it belongs to; the rule for each kind lives in the server (modules/files/file-access.ts), which
 * must give one for every kind listed here — add the kind here and its rule there.
 *
 * - `enterprise`: an enterprise's submitted documents (energy data, reports); read like the
 *   enterprise's detailed data (its profile scope), uploaded by the enterprise itself.
 * - `organisation`: an organisation's own documents; read by its members, uploaded by its admins.
 * - `external_list`: a list the platform imports from outside (`provincial` — the province's
 *   high-energy/high-emission list; `ets_emissions` — ETS key emitters' verified emissions);
 *   uploaded and read by the bureaus that import it.
 * - `supervision_task`: evidence (佐证材料) of a task of the current action plan (`attachedToId` is
 *   the task code in lower case: `2`, `s1`); uploaded by the officers of the agencies that write
 *   for the task (leads, partners, milestone and indicator owners, the commission), read by
 *   every reader of the plan.
 */
export const fileAttachmentTypes = ['enterprise', 'organisation', 'external_list', 'supervision_task'] as const;

/** The external lists and the organisations that import each (besides platform administrators). */
export const externalLists = { provincial: ['gov-drc', 'gov-eeb'], ets_emissions: ['gov-eeb'] } as const satisfies Record<string, readonly string[]>;
export type ExternalList = keyof typeof externalLists;
export type FileAttachmentType = (typeof fileAttachmentTypes)[number];
