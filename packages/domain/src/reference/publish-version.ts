/**
 * Publishing a reference value (issue 5 item 1, issue 7 item 5): an administrator overrides a value
 * with a new one from a document, or confirms an unverified value against one. Either way the
 * result is a NEW version of the record (version + 1) — earlier versions stay as they were, so every
 * result that names `id@version` can be recomputed. Pure: the caller stores the record.
 */
import { parseReferenceRecord, ReferenceLookupError, type ReferenceKind, type ReferenceLibrary, type ReferenceRecord, type ReferenceStatus } from './reference-library.ts';

/** The values an administrator may change per kind; `row` says what a row is (a fuel, a gas) or that there is none. */
export const publishableFields: Readonly<Record<ReferenceKind, { readonly row: 'fuel' | 'gas' | null; readonly fields: readonly string[] }>> = {
  fuel_factor_set: { row: 'fuel', fields: ['ncvGjPerUnit', 'carbonContentTcPerGj', 'oxidationRate'] },
  electricity_factor: { row: null, fields: ['valueTco2PerMwh'] },
  heat_factor: { row: null, fields: ['valueTco2PerGj'] },
  heat_conversion: { row: null, fields: [] },
  process_factor: { row: null, fields: ['valueTco2PerT'] },
  gwp_set: { row: 'gas', fields: ['value'] },
  standard_coal_factor: { row: null, fields: ['kgcePerUnit', 'gjPerTce'] },
  energy_benchmark: { row: null, fields: ['benchmark', 'base'] },
};

export interface PublishVersionRequest {
  readonly kind: ReferenceKind;
  readonly id: string;
  /** A fuel of a fuel factor set, or a gas of a GWP set. */
  readonly row?: string;
  /** New values as decimal strings (benchmark/base may be null: "no level published"); absent = confirm as is. */
  readonly values?: Readonly<Record<string, string | null>>;
  readonly status: ReferenceStatus;
  /** The document the value comes from (title, issuer, number, date). */
  readonly source: string;
  readonly sourceUrl?: string;
  /** YYYY-MM-DD from when the version is the default (absent: at once). */
  readonly effectiveFrom?: string;
  readonly note?: string;
  /** An uploaded copy of the document (file id). */
  readonly evidenceFileId?: string;
  /** The latest version the administrator saw; another publication in between is a conflict. */
  readonly expectedVersion: number;
}

export type PublishVersionErrorCode = 'NOT_FOUND' | 'VERSION_CONFLICT' | 'VALIDATION_FAILED';

export class PublishVersionError extends Error {
  override readonly name = 'PublishVersionError';
  constructor(
    readonly code: PublishVersionErrorCode,
    message: string,
    readonly path?: string,
  ) {
    super(message);
  }
}

function latestRecord(records: readonly ReferenceRecord[], kind: ReferenceKind, id: string): ReferenceRecord | undefined {
  return records.filter((r) => r.kind === kind && r.id === id).reduce<ReferenceRecord | undefined>((a, b) => (a === undefined || b.version > a.version ? b : a), undefined);
}

/**
 * The next version of a record with the request applied; throws PublishVersionError.
 *
 * @example publishVersion({ library, publishedAt, request: { kind: 'electricity_factor', id: 'cn_shandong_2022', values: { valueTco2PerMwh: '0.6' }, status: 'verified', source: '…', expectedVersion: 1 } }).version === 2
 */
export function publishVersion(options: { readonly library: ReferenceLibrary; readonly request: PublishVersionRequest; readonly publishedAt: string }): ReferenceRecord {
  const { request } = options;
  const spec = publishableFields[request.kind];
  const latest = latestRecord(options.library.records, request.kind, request.id);
  if (latest === undefined) throw new PublishVersionError('NOT_FOUND', `unknown ${request.kind} "${request.id}"`);
  if (latest.version !== request.expectedVersion) {
    throw new PublishVersionError('VERSION_CONFLICT', `${request.id} is at version ${latest.version}, not ${request.expectedVersion}: reload and publish again`);
  }
  if ((spec.row === null) !== (request.row === undefined)) {
    throw new PublishVersionError('VALIDATION_FAILED', spec.row === null ? `${request.kind} has no rows` : `name the ${spec.row} (row) to publish`, 'row');
  }
  const values = request.values ?? {};
  for (const name of Object.keys(values)) {
    if (!spec.fields.includes(name)) {
      throw new PublishVersionError('VALIDATION_FAILED', `${name} cannot be published for ${request.kind} (allowed: ${spec.fields.join(', ') || 'none'})`, `values.${name}`);
    }
  }
  const version = latest.version + 1;
  const publication = {
    previousVersion: latest.version,
    publishedAt: options.publishedAt,
    change: Object.keys(values).length === 0 ? 'confirmed' : 'values',
    ...(request.row === undefined ? {} : { row: request.row }),
    ...(request.note === undefined ? {} : { note: request.note }),
    ...(request.evidenceFileId === undefined ? {} : { evidenceFileId: request.evidenceFileId }),
  };
  const provenance = { source: request.source, ...(request.sourceUrl === undefined ? {} : { sourceUrl: request.sourceUrl }) };
  const before = latest.body;
  let body: Record<string, unknown>;
  let unchanged: boolean;

  if (request.kind === 'fuel_factor_set') {
    const rows = before['fuels'] as readonly Record<string, unknown>[];
    const row = rows.find((r) => r['id'] === request.row);
    if (row === undefined) throw new PublishVersionError('NOT_FOUND', `unknown fuel "${request.row ?? ''}" in ${request.id}@${latest.version}`, 'row');
    unchanged = row['status'] === request.status && Object.entries(values).every(([k, v]) => row[k] === v);
    const next = { ...row, ...values, ...provenance, status: request.status, version };
    body = { ...before, version, fuels: rows.map((r) => (r === row ? next : r)), publication };
  } else if (request.kind === 'gwp_set') {
    const gases = before['values'] as Readonly<Record<string, string>>;
    const gas = request.row ?? '';
    if (!Object.hasOwn(gases, gas)) throw new PublishVersionError('NOT_FOUND', `unknown gas "${gas}" in ${request.id}@${latest.version}`, 'row');
    const value = values['value'];
    unchanged = latest.status === request.status && (value === undefined || gases[gas] === value);
    body = { ...before, ...provenance, version, status: request.status, values: value === undefined ? gases : { ...gases, [gas]: value }, publication };
  } else {
    unchanged = latest.status === request.status && Object.entries(values).every(([k, v]) => before[k] === v);
    body = { ...before, ...values, ...provenance, version, status: request.status, publication };
  }
  if (unchanged) throw new PublishVersionError('VALIDATION_FAILED', 'nothing changes: give a new value or a new status', 'values');

  const record: ReferenceRecord = {
    kind: request.kind,
    id: request.id,
    version,
    // A fuel set keeps its own status; the published row carries the new one.
    status: request.kind === 'fuel_factor_set' ? latest.status : request.status,
    body,
    effectiveFrom: request.effectiveFrom ?? null,
  };
  try {
    parseReferenceRecord(record);
  } catch (error) {
    if (error instanceof ReferenceLookupError) throw new PublishVersionError('VALIDATION_FAILED', error.message, 'values');
    throw error;
  }
  return record;
}
