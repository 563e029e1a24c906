/**
 * The accounting reference library: versioned factor records (fuels, grid and heat factors,
 * process factors, GWP sets, standard-coal conversions, energy-efficiency benchmarks), addressed
 * by `<id>@<version>[/<row>]`. A library is built from records — the shipped `reference/*.json`
 * (`shippedReferenceLibrary`) or what the database holds after administrators published new
 * versions — and every record is checked when the library is built. Lookups throw
 * `ReferenceLookupError` for unknown ids, rows or versions; they never fall back to a guess.
 * Records are immutable: a change is a new version, so a result that names `id@version` can
 * always be recomputed. Pure: the JSON is bundled at import time.
 */
import fuelsJson from '../../../../reference/fuels.json' with { type: 'json' };
import electricityJson from '../../../../reference/electricity-factors.json' with { type: 'json' };
import processJson from '../../../../reference/process-factors.json' with { type: 'json' };
import standardCoalJson from '../../../../reference/standard-coal.json' with { type: 'json' };
import gwpJson from '../../../../reference/gwp.json' with { type: 'json' };
import energyBenchmarksJson from '../../../../reference/energy-benchmarks.json' with { type: 'json' };

/** Status of a reference value (reference/README.md → Status values). */
export type ReferenceStatus = 'verified' | 'secondary' | 'unverified' | 'design';
export const referenceStatuses: readonly ReferenceStatus[] = ['verified', 'secondary', 'unverified', 'design'];

/** The kinds of record the accounting and label engines read. */
export type ReferenceKind =
  | 'fuel_factor_set'
  | 'electricity_factor'
  | 'heat_factor'
  | 'heat_conversion'
  | 'process_factor'
  | 'gwp_set'
  | 'standard_coal_factor'
  | 'energy_benchmark';
export const referenceKinds: readonly ReferenceKind[] = [
  'fuel_factor_set',
  'electricity_factor',
  'heat_factor',
  'heat_conversion',
  'process_factor',
  'gwp_set',
  'standard_coal_factor',
  'energy_benchmark',
];

/**
 * One stored version of a record: `body` is the record as in the reference file (names, source,
 * values as decimal strings, `version`, `status`); `effectiveFrom` (YYYY-MM-DD) is when a published
 * version starts to be the default — before that date only a pinned reference reaches it.
 */
export interface ReferenceRecord {
  readonly kind: ReferenceKind;
  readonly id: string;
  readonly version: number;
  readonly status: ReferenceStatus;
  readonly body: Readonly<Record<string, unknown>>;
  readonly effectiveFrom?: string | null;
}

export interface FuelRow {
  readonly id: string;
  /** Unit the NCV refers to: `t` or `10^4 Nm3`. */
  readonly unit: string;
  /** GJ per `unit`, decimal string. */
  readonly ncvGjPerUnit: string;
  /** tC per GJ, decimal string. */
  readonly carbonContentTcPerGj: string;
  /** Fraction 0–1, decimal string. */
  readonly oxidationRate: string;
  readonly status: ReferenceStatus;
  readonly version: number;
}

export interface FuelFactorSet {
  readonly id: string;
  readonly version: number;
  readonly status: ReferenceStatus;
  readonly fuels: readonly FuelRow[];
}

export interface ElectricityFactor {
  readonly id: string;
  readonly version: number;
  /** tCO2 per MWh, decimal string. */
  readonly valueTco2PerMwh: string;
  readonly purpose: string;
  readonly excludesMarketNonFossil: boolean;
  readonly status: ReferenceStatus;
}

export interface HeatFactor {
  readonly id: string;
  readonly version: number;
  /** tCO2 per GJ, decimal string. */
  readonly valueTco2PerGj: string;
  readonly status: ReferenceStatus;
}

export interface HeatConversion {
  readonly id: string;
  readonly version: number;
  readonly status: ReferenceStatus;
}

export interface ProcessFactor {
  readonly id: string;
  readonly version: number;
  /** `emission` adds, `carbon_fixed_in_product` subtracts. */
  readonly role: string;
  /** tCO2 per t of material, decimal string. */
  readonly valueTco2PerT: string;
  readonly status: ReferenceStatus;
}

export interface GwpSet {
  readonly id: string;
  readonly version: number;
  /** Dimensionless GWP-100 per gas, decimal strings. */
  readonly values: Readonly<Record<string, string>>;
  readonly status: ReferenceStatus;
}

export interface StandardCoalFactor {
  readonly id: string;
  readonly version: number;
  readonly unit?: string;
  /** kgce per `unit`, decimal string; null where the standard gives a range or no value. */
  readonly kgcePerUnit?: string | null;
  /** Only on `tce_definition`: GJ per tce. */
  readonly gjPerTce?: string;
  readonly status: ReferenceStatus;
}

/** An energy-efficiency benchmark (标杆) and base (基准) level; decimal strings or null. */
export interface EnergyBenchmark {
  readonly id: string;
  readonly version: number;
  readonly status: ReferenceStatus;
  readonly nameZh: string;
  /** e.g. 单位产品综合能耗, 铝液交流电耗. */
  readonly indicator: string;
  readonly unit: string;
  readonly benchmark: string | null;
  readonly base: string | null;
}

/** Thrown for an unknown id, row or version, or a malformed record. */
export class ReferenceLookupError extends Error {
  override readonly name = 'ReferenceLookupError';
}

/** A resolved record with the reference string that names it (for the audit trail). */
export interface Resolved<T> {
  readonly ref: string;
  readonly value: T;
}

// ---- record checks: a library never holds a value the engines cannot use ----

/** Non-negative plain decimal (no sign, exponent, NaN or Infinity). */
const UNSIGNED_DECIMAL = /^[0-9]+(\.[0-9]+)?$/;
/** Benchmarks may be negative (e.g. converter steelmaking, which recovers more energy than it uses). */
const SIGNED_DECIMAL = /^-?[0-9]+(\.[0-9]+)?$/;
const ID_PATTERN = /^[a-z0-9_]{1,64}$/;
const ROW_PATTERN = /^[A-Za-z0-9_]{1,64}$/;

function asStatus(value: unknown, where: string): ReferenceStatus {
  if (typeof value === 'string' && (referenceStatuses as readonly string[]).includes(value)) return value as ReferenceStatus;
  throw new ReferenceLookupError(`${where}: unknown status ${String(value)}`);
}

function field(body: Readonly<Record<string, unknown>>, name: string): unknown {
  return Object.hasOwn(body, name) ? body[name] : undefined;
}

function text(body: Readonly<Record<string, unknown>>, name: string, where: string): string {
  const value = field(body, name);
  if (typeof value !== 'string' || value.length === 0) throw new ReferenceLookupError(`${where}: ${name} must be a non-empty string`);
  return value;
}

function decimal(body: Readonly<Record<string, unknown>>, name: string, where: string, options: { signed?: boolean; nullable?: boolean } = {}): string {
  const value = field(body, name);
  if (typeof value !== 'string' || !(options.signed ? SIGNED_DECIMAL : UNSIGNED_DECIMAL).test(value)) {
    throw new ReferenceLookupError(`${where}: ${name} must be a ${options.signed ? '' : 'non-negative '}plain decimal string, got ${JSON.stringify(value)}`);
  }
  return value;
}

function nullableDecimal(body: Readonly<Record<string, unknown>>, name: string, where: string, options: { signed?: boolean } = {}): string | null {
  return field(body, name) === null ? null : decimal(body, name, where, options);
}

function fraction(body: Readonly<Record<string, unknown>>, name: string, where: string): string {
  const value = decimal(body, name, where);
  if (Number(value) > 1) throw new ReferenceLookupError(`${where}: ${name} must be within 0–1, got ${value}`);
  return value;
}

function object(value: unknown, where: string): Readonly<Record<string, unknown>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ReferenceLookupError(`${where}: expected an object`);
  return value as Record<string, unknown>;
}

function checkHeader(record: ReferenceRecord): string {
  const where = `${record.kind} ${record.id}@${record.version}`;
  if (!ID_PATTERN.test(record.id)) throw new ReferenceLookupError(`${where}: malformed id`);
  if (!Number.isInteger(record.version) || record.version < 1) throw new ReferenceLookupError(`${where}: version must be a positive integer`);
  if (record.body['id'] !== record.id || record.body['version'] !== record.version || record.body['status'] !== record.status) {
    throw new ReferenceLookupError(`${where}: body id, version and status must match the record`);
  }
  asStatus(record.status, where);
  if (record.effectiveFrom != null && !/^\d{4}-\d{2}-\d{2}$/.test(record.effectiveFrom)) throw new ReferenceLookupError(`${where}: effectiveFrom must be YYYY-MM-DD`);
  return where;
}

type Parsed =
  | { kind: 'fuel_factor_set'; value: FuelFactorSet }
  | { kind: 'electricity_factor'; value: ElectricityFactor }
  | { kind: 'heat_factor'; value: HeatFactor }
  | { kind: 'heat_conversion'; value: HeatConversion }
  | { kind: 'process_factor'; value: ProcessFactor }
  | { kind: 'gwp_set'; value: GwpSet }
  | { kind: 'standard_coal_factor'; value: StandardCoalFactor }
  | { kind: 'energy_benchmark'; value: EnergyBenchmark };

const FUEL_UNITS = ['t', '10^4 Nm3'];
const PROCESS_ROLES = ['emission', 'carbon_fixed_in_product'];

/** Checks one record and returns it in the engines' shape; throws ReferenceLookupError naming the fault. */
export function parseReferenceRecord(record: ReferenceRecord): Parsed {
  const where = checkHeader(record);
  const { id, version, status, body } = record;
  switch (record.kind) {
    case 'fuel_factor_set': {
      const rows = field(body, 'fuels');
      if (!Array.isArray(rows) || rows.length === 0) throw new ReferenceLookupError(`${where}: fuels must be a non-empty list`);
      const seen = new Set<string>();
      const fuels = rows.map((raw, i): FuelRow => {
        const row = object(raw, `${where} fuels[${i}]`);
        const rowId = text(row, 'id', `${where} fuels[${i}]`);
        const w = `${where}/${rowId}`;
        if (!ROW_PATTERN.test(rowId) || seen.has(rowId)) throw new ReferenceLookupError(`${w}: malformed or repeated row id`);
        seen.add(rowId);
        const unit = text(row, 'unit', w);
        if (!FUEL_UNITS.includes(unit)) throw new ReferenceLookupError(`${w}: unit must be one of ${FUEL_UNITS.join(', ')}`);
        const rowVersion = row['version'];
        if (typeof rowVersion !== 'number' || !Number.isInteger(rowVersion) || rowVersion < 1 || rowVersion > version) {
          throw new ReferenceLookupError(`${w}: row version must be an integer from 1 to the set's version`);
        }
        return {
          id: rowId,
          unit,
          ncvGjPerUnit: decimal(row, 'ncvGjPerUnit', w),
          carbonContentTcPerGj: decimal(row, 'carbonContentTcPerGj', w),
          oxidationRate: fraction(row, 'oxidationRate', w),
          status: asStatus(row['status'], w),
          version: rowVersion,
        };
      });
      return { kind: record.kind, value: { id, version, status, fuels } };
    }
    case 'electricity_factor': {
      const excludes = field(body, 'excludesMarketNonFossil');
      if (typeof excludes !== 'boolean') throw new ReferenceLookupError(`${where}: excludesMarketNonFossil must be a boolean`);
      return {
        kind: record.kind,
        value: { id, version, status, valueTco2PerMwh: decimal(body, 'valueTco2PerMwh', where), purpose: text(body, 'purpose', where), excludesMarketNonFossil: excludes },
      };
    }
    case 'heat_factor':
      return { kind: record.kind, value: { id, version, status, valueTco2PerGj: decimal(body, 'valueTco2PerGj', where) } };
    case 'heat_conversion':
      text(body, 'formula', where);
      return { kind: record.kind, value: { id, version, status } };
    case 'process_factor': {
      const role = text(body, 'role', where);
      if (!PROCESS_ROLES.includes(role)) throw new ReferenceLookupError(`${where}: role must be one of ${PROCESS_ROLES.join(', ')}`);
      return { kind: record.kind, value: { id, version, status, role, valueTco2PerT: decimal(body, 'valueTco2PerT', where) } };
    }
    case 'gwp_set': {
      const values = object(field(body, 'values'), `${where} values`);
      const checked: Record<string, string> = {};
      for (const gas of Object.keys(values)) {
        if (!ROW_PATTERN.test(gas)) throw new ReferenceLookupError(`${where}: malformed gas ${gas}`);
        checked[gas] = decimal(values, gas, `${where}/${gas}`);
      }
      return { kind: record.kind, value: { id, version, status, values: checked } };
    }
    case 'standard_coal_factor': {
      if (id === 'tce_definition') return { kind: record.kind, value: { id, version, status, gjPerTce: decimal(body, 'gjPerTce', where) } };
      const unit = field(body, 'unit');
      return {
        kind: record.kind,
        value: {
          id,
          version,
          status,
          ...(typeof unit === 'string' ? { unit } : {}),
          ...(field(body, 'kgcePerUnit') === undefined ? {} : { kgcePerUnit: nullableDecimal(body, 'kgcePerUnit', where) }),
        },
      };
    }
    case 'energy_benchmark':
      return {
        kind: record.kind,
        value: {
          id,
          version,
          status,
          nameZh: text(body, 'nameZh', where),
          indicator: text(body, 'indicator', where),
          unit: text(body, 'unit', where),
          benchmark: nullableDecimal(body, 'benchmark', where, { signed: true }),
          base: nullableDecimal(body, 'base', where, { signed: true }),
        },
      };
    default:
      throw new ReferenceLookupError(`unknown record kind ${String((record as { kind: unknown }).kind)}`);
  }
}

// ---- references ----

/** Parsed `<id>@<version>[/<row>]`; version absent means "latest". */
export interface ParsedReference {
  readonly id: string;
  readonly version?: number;
  readonly row?: string;
}

const REFERENCE_PATTERN = /^([a-z0-9_]+)(?:@([1-9][0-9]{0,8}))?(?:\/([A-Za-z0-9_]+))?$/;

export function parseReference(reference: string): ParsedReference {
  const match = REFERENCE_PATTERN.exec(reference);
  if (match === null || match[1] === undefined) {
    throw new ReferenceLookupError(`malformed reference "${reference}" (expected <id>[@<version>][/<row>])`);
  }
  return {
    id: match[1],
    ...(match[2] === undefined ? {} : { version: Number(match[2]) }),
    ...(match[3] === undefined ? {} : { row: match[3] }),
  };
}

function noRow(parsed: ParsedReference, kind: string): void {
  if (parsed.row !== undefined) throw new ReferenceLookupError(`${kind} "${parsed.id}" has no rows`);
}

/** README rule 1: a result that used an `unverified` value is provisional. */
export function isUnverified(status: ReferenceStatus): boolean {
  return status === 'unverified';
}

interface Entry<T> {
  readonly value: T;
  readonly effectiveFrom: string | null;
}

/**
 * A checked set of records. `asOf` (YYYY-MM-DD) hides versions whose `effectiveFrom` is later
 * from "latest" lookups; a pinned `id@version` always resolves.
 *
 * @example shippedReferenceLibrary.findElectricityFactor('cn_shandong_2022').ref === 'cn_shandong_2022@1'
 */
export class ReferenceLibrary {
  readonly records: readonly ReferenceRecord[];
  readonly asOf: string | undefined;
  private readonly byKind = new Map<ReferenceKind, Map<string, Entry<unknown>[]>>();

  constructor(records: readonly ReferenceRecord[], options: { readonly asOf?: string } = {}) {
    this.records = records;
    this.asOf = options.asOf;
    for (const record of records) {
      const parsed = parseReferenceRecord(record);
      const ids = this.byKind.get(record.kind) ?? new Map<string, Entry<unknown>[]>();
      this.byKind.set(record.kind, ids);
      const versions = ids.get(record.id) ?? [];
      if (versions.some((v) => (v.value as { version: number }).version === record.version)) {
        throw new ReferenceLookupError(`${record.kind} ${record.id}@${record.version} appears twice`);
      }
      versions.push({ value: parsed.value, effectiveFrom: record.effectiveFrom ?? null });
      ids.set(record.id, versions);
    }
  }

  /** The same records seen on another date. */
  at(asOf: string): ReferenceLibrary {
    return new ReferenceLibrary(this.records, { asOf });
  }

  /** Every version of a kind's records, by id (for listings). */
  versionsOf<T>(kind: ReferenceKind, id: string): readonly T[] {
    return (this.byKind.get(kind)?.get(id) ?? []).map((e) => e.value as T).sort((a, b) => (a as { version: number }).version - (b as { version: number }).version);
  }

  /** The pinned version, or the highest version in effect on `asOf` when none is pinned. */
  private pick<T extends { id: string; version: number }>(kind: ReferenceKind, label: string, parsed: ParsedReference): T {
    const versions = (this.byKind.get(kind)?.get(parsed.id) ?? []) as Entry<T>[];
    if (versions.length === 0) throw new ReferenceLookupError(`unknown ${label} "${parsed.id}"`);
    if (parsed.version !== undefined) {
      const pinned = versions.find((e) => e.value.version === parsed.version);
      if (pinned === undefined) throw new ReferenceLookupError(`unknown version ${parsed.version} of ${label} "${parsed.id}"`);
      return pinned.value;
    }
    const inEffect = versions.filter((e) => this.asOf === undefined || e.effectiveFrom === null || e.effectiveFrom <= this.asOf);
    if (inEffect.length === 0) throw new ReferenceLookupError(`no version of ${label} "${parsed.id}" is in effect on ${this.asOf ?? ''}`);
    return inEffect.reduce((a, b) => (b.value.version > a.value.version ? b : a)).value;
  }

  private resolve<T extends { id: string; version: number }>(kind: ReferenceKind, label: string, reference: string): Resolved<T> {
    const parsed = parseReference(reference);
    noRow(parsed, label);
    const value = this.pick<T>(kind, label, parsed);
    return { ref: `${value.id}@${value.version}`, value };
  }

  findFuelFactorSet(reference: string): Resolved<FuelFactorSet> {
    return this.resolve('fuel_factor_set', 'fuel factor set', reference);
  }

  /** A fuel row of a factor set: the set reference (`id[@v]`) and the row id apart. */
  findFuel(options: { readonly factorSet: string; readonly fuel: string }): Resolved<FuelRow> {
    const set = this.findFuelFactorSet(options.factorSet);
    const row = set.value.fuels.find((f) => f.id === options.fuel);
    if (row === undefined) throw new ReferenceLookupError(`unknown fuel "${options.fuel}" in factor set ${set.ref}`);
    return { ref: `${set.ref}/${row.id}`, value: row };
  }

  findElectricityFactor(reference: string): Resolved<ElectricityFactor> {
    return this.resolve('electricity_factor', 'electricity factor', reference);
  }

  findHeatFactor(reference: string): Resolved<HeatFactor> {
    return this.resolve('heat_factor', 'heat factor', reference);
  }

  findHeatConversion(reference: string): Resolved<HeatConversion> {
    return this.resolve('heat_conversion', 'heat conversion', reference);
  }

  findProcessFactor(reference: string): Resolved<ProcessFactor> {
    return this.resolve('process_factor', 'process material', reference);
  }

  /** A gas's GWP in a set (`ipcc_sar[@1]`, gas `CH4` → ref `ipcc_sar@1/CH4`). */
  findGwp(options: { readonly gwpSet: string; readonly gas: string }): Resolved<string> & { status: ReferenceStatus } {
    const set = this.findGwpSet(options.gwpSet).value;
    const value = Object.hasOwn(set.values, options.gas) ? set.values[options.gas] : undefined;
    if (value === undefined) throw new ReferenceLookupError(`unknown gas "${options.gas}" in GWP set ${set.id}@${set.version}`);
    return { ref: `${set.id}@${set.version}/${options.gas}`, value, status: set.status };
  }

  findGwpSet(reference: string): Resolved<GwpSet> {
    return this.resolve('gwp_set', 'GWP set', reference);
  }

  findStandardCoalFactor(reference: string): Resolved<StandardCoalFactor> {
    return this.resolve('standard_coal_factor', 'standard-coal factor', reference);
  }

  findEnergyBenchmark(reference: string): Resolved<EnergyBenchmark> {
    return this.resolve('energy_benchmark', 'benchmark', reference);
  }

  /** The latest version in effect of every record of a kind. */
  latestOf<T extends { id: string; version: number }>(kind: ReferenceKind): T[] {
    return [...(this.byKind.get(kind)?.keys() ?? [])].map((id) => this.pick<T>(kind, kind, { id }));
  }
}

// ---- the shipped library ----

type JsonRecord = Record<string, unknown> & { id: string; version: number; status: string };

function recordOf(kind: ReferenceKind, body: JsonRecord): ReferenceRecord {
  return { kind, id: body.id, version: body.version, status: asStatus(body.status, `${kind} ${body.id}`), body };
}

/** The records of reference/*.json, as they ship with this release. */
export function shippedReferenceRecords(): ReferenceRecord[] {
  const heat = electricityJson.heat as JsonRecord[];
  return [
    ...(fuelsJson.factorSets as JsonRecord[]).map((b) => recordOf('fuel_factor_set', b)),
    ...(electricityJson.electricity as JsonRecord[]).map((b) => recordOf('electricity_factor', b)),
    ...heat.filter((b) => 'valueTco2PerGj' in b).map((b) => recordOf('heat_factor', b)),
    ...heat.filter((b) => !('valueTco2PerGj' in b)).map((b) => recordOf('heat_conversion', b)),
    ...(processJson.factors as JsonRecord[]).map((b) => recordOf('process_factor', b)),
    ...(gwpJson.sets as JsonRecord[]).map((b) => recordOf('gwp_set', b)),
    ...(standardCoalJson.factors as JsonRecord[]).map((b) => recordOf('standard_coal_factor', b)),
    ...(energyBenchmarksJson.benchmarks as JsonRecord[]).map((b) => recordOf('energy_benchmark', b)),
  ];
}

/** The library as shipped (what the CLI and the pure tests use). */
export const shippedReferenceLibrary = new ReferenceLibrary(shippedReferenceRecords());

/** Platform defaults (all `design`) from electricity-factors.json and gwp.json. */
export const accountingDefaults = {
  factorSet: 'cn_industry_other_2015',
  electricityFactor: electricityJson.defaults.electricity,
  heatFactor: electricityJson.defaults.heat,
  gwpSet: gwpJson.defaults.enterpriseAccounting,
} as const;
