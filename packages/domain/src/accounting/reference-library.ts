/**
 * The shipped accounting factor sets (reference/*.json) as typed data, addressed by
 * `<id>@<version>[/<row>]` references. Lookups throw `ReferenceLookupError` for unknown ids,
 * rows or versions; they never fall back to a guess. Pure: the JSON is bundled at import time.
 */
import fuelsJson from '../../../../reference/fuels.json' with { type: 'json' };
import electricityJson from '../../../../reference/electricity-factors.json' with { type: 'json' };
import processJson from '../../../../reference/process-factors.json' with { type: 'json' };
import standardCoalJson from '../../../../reference/standard-coal.json' with { type: 'json' };
import gwpJson from '../../../../reference/gwp.json' with { type: 'json' };

/** Status of a reference value (reference/README.md → Status values). */
export type ReferenceStatus = 'verified' | 'secondary' | 'unverified' | 'design';

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

/** Thrown for an unknown id, row or version, or a malformed reference. */
export class ReferenceLookupError extends Error {
  override readonly name = 'ReferenceLookupError';
}

/** A resolved record with the reference string that names it (for the audit trail). */
export interface Resolved<T> {
  readonly ref: string;
  readonly value: T;
}

const STATUSES: readonly ReferenceStatus[] = ['verified', 'secondary', 'unverified', 'design'];

function asStatus(value: unknown, where: string): ReferenceStatus {
  if (typeof value === 'string' && (STATUSES as readonly string[]).includes(value)) return value as ReferenceStatus;
  throw new ReferenceLookupError(`${where}: unknown status ${String(value)}`);
}

/** The shipped factor sets, checked once at module load. */
export const fuelFactorSets: readonly FuelFactorSet[] = fuelsJson.factorSets.map((set) => ({
  id: set.id,
  version: set.version,
  status: asStatus(set.status, set.id),
  fuels: set.fuels.map((row) => ({
    id: row.id,
    unit: row.unit,
    ncvGjPerUnit: row.ncvGjPerUnit,
    carbonContentTcPerGj: row.carbonContentTcPerGj,
    oxidationRate: row.oxidationRate,
    status: asStatus(row.status, `${set.id}/${row.id}`),
    version: row.version,
  })),
}));

export const electricityFactors: readonly ElectricityFactor[] = electricityJson.electricity.map((f) => ({
  id: f.id,
  version: f.version,
  valueTco2PerMwh: f.valueTco2PerMwh,
  purpose: f.purpose,
  excludesMarketNonFossil: f.excludesMarketNonFossil,
  status: asStatus(f.status, f.id),
}));

export const heatFactors: readonly HeatFactor[] = electricityJson.heat.flatMap((f) =>
  'valueTco2PerGj' in f && typeof f.valueTco2PerGj === 'string' ? [{ id: f.id, version: f.version, valueTco2PerGj: f.valueTco2PerGj, status: asStatus(f.status, f.id) }] : [],
);

/** Steam / hot-water conversion formulas (records without a factor value) by id, for status. */
export const heatConversions: readonly { readonly id: string; readonly version: number; readonly status: ReferenceStatus }[] = electricityJson.heat.flatMap((f) =>
  'valueTco2PerGj' in f ? [] : [{ id: f.id, version: f.version, status: asStatus(f.status, f.id) }],
);

export const processFactors: readonly ProcessFactor[] = processJson.factors.map((f) => ({
  id: f.id,
  version: f.version,
  role: f.role,
  valueTco2PerT: f.valueTco2PerT,
  status: asStatus(f.status, f.id),
}));

export const gwpSets: readonly GwpSet[] = gwpJson.sets.map((s) => ({
  id: s.id,
  version: s.version,
  values: s.values,
  status: asStatus(s.status, s.id),
}));

export const standardCoalFactors: readonly StandardCoalFactor[] = standardCoalJson.factors.map((f) => {
  const record = f as { id: string; version: number; unit?: string; kgcePerUnit?: string | null; gjPerTce?: string; status: string };
  return {
    id: record.id,
    version: record.version,
    ...(record.unit === undefined ? {} : { unit: record.unit }),
    ...(record.kgcePerUnit === undefined ? {} : { kgcePerUnit: record.kgcePerUnit }),
    ...(record.gjPerTce === undefined ? {} : { gjPerTce: record.gjPerTce }),
    status: asStatus(record.status, record.id),
  };
});

/** Platform defaults (all `design`) from electricity-factors.json and gwp.json. */
export const accountingDefaults = {
  factorSet: 'cn_industry_other_2015',
  electricityFactor: electricityJson.defaults.electricity,
  heatFactor: electricityJson.defaults.heat,
  gwpSet: gwpJson.defaults.enterpriseAccounting,
} as const;

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

/** Picks the pinned version, or the highest one when none is pinned. */
function pickVersion<T extends { id: string; version: number }>(records: readonly T[], kind: string, parsed: ParsedReference): T {
  const sameId = records.filter((r) => r.id === parsed.id);
  if (sameId.length === 0) throw new ReferenceLookupError(`unknown ${kind} "${parsed.id}"`);
  if (parsed.version !== undefined) {
    const pinned = sameId.find((r) => r.version === parsed.version);
    if (pinned === undefined) {
      throw new ReferenceLookupError(`unknown version ${parsed.version} of ${kind} "${parsed.id}"`);
    }
    return pinned;
  }
  return sameId.reduce((a, b) => (b.version > a.version ? b : a));
}

function noRow(parsed: ParsedReference, kind: string): void {
  if (parsed.row !== undefined) throw new ReferenceLookupError(`${kind} "${parsed.id}" has no rows`);
}

export function findFuelFactorSet(reference: string): Resolved<FuelFactorSet> {
  const parsed = parseReference(reference);
  noRow(parsed, 'fuel factor set');
  const set = pickVersion(fuelFactorSets, 'fuel factor set', parsed);
  return { ref: `${set.id}@${set.version}`, value: set };
}

/** A fuel row of a factor set: `set[@v]/row`, or the set reference and the row id apart. */
export function findFuel(options: { readonly factorSet: string; readonly fuel: string }): Resolved<FuelRow> {
  const set = findFuelFactorSet(options.factorSet);
  const row = set.value.fuels.find((f) => f.id === options.fuel);
  if (row === undefined) throw new ReferenceLookupError(`unknown fuel "${options.fuel}" in factor set ${set.ref}`);
  return { ref: `${set.ref}/${row.id}`, value: row };
}

export function findElectricityFactor(reference: string): Resolved<ElectricityFactor> {
  const parsed = parseReference(reference);
  noRow(parsed, 'electricity factor');
  const f = pickVersion(electricityFactors, 'electricity factor', parsed);
  return { ref: `${f.id}@${f.version}`, value: f };
}

export function findHeatFactor(reference: string): Resolved<HeatFactor> {
  const parsed = parseReference(reference);
  noRow(parsed, 'heat factor');
  const f = pickVersion(heatFactors, 'heat factor', parsed);
  return { ref: `${f.id}@${f.version}`, value: f };
}

export function findHeatConversion(reference: string): Resolved<{ id: string; version: number; status: ReferenceStatus }> {
  const parsed = parseReference(reference);
  noRow(parsed, 'heat conversion');
  const f = pickVersion(heatConversions, 'heat conversion', parsed);
  return { ref: `${f.id}@${f.version}`, value: f };
}

export function findProcessFactor(reference: string): Resolved<ProcessFactor> {
  const parsed = parseReference(reference);
  noRow(parsed, 'process material');
  const f = pickVersion(processFactors, 'process material', parsed);
  return { ref: `${f.id}@${f.version}`, value: f };
}

/** A GWP set, optionally with the gas as row (`ipcc_sar@1/CH4`). */
export function findGwp(options: { readonly gwpSet: string; readonly gas: string }): Resolved<string> & { status: ReferenceStatus } {
  const parsed = parseReference(options.gwpSet);
  noRow(parsed, 'GWP set');
  const set = pickVersion(gwpSets, 'GWP set', parsed);
  const value = Object.hasOwn(set.values, options.gas) ? set.values[options.gas] : undefined;
  if (value === undefined) throw new ReferenceLookupError(`unknown gas "${options.gas}" in GWP set ${set.id}@${set.version}`);
  return { ref: `${set.id}@${set.version}/${options.gas}`, value, status: set.status };
}

export function findStandardCoalFactor(reference: string): Resolved<StandardCoalFactor> {
  const parsed = parseReference(reference);
  noRow(parsed, 'standard-coal factor');
  const f = pickVersion(standardCoalFactors, 'standard-coal factor', parsed);
  return { ref: `${f.id}@${f.version}`, value: f };
}

/** README rule 1: a result that used an `unverified` value is provisional. */
export function isUnverified(status: ReferenceStatus): boolean {
  return status === 'unverified';
}
