/**
 * GB/T 4754-2017 《国民经济行业分类》 industry classes (小类, 4 digits) that enterprise carbon
 * accounts accept, with their group (中类, 3 digits), division (大类, 2 digits) and section (门类),
 * from reference/gbt-4754-2017-classes.json. Every name there is `unverified` (written from
 * recollection, cross-read against third-party transcriptions) until checked against the NBS table.
 * The peer groups of the intensity label method fall back class → group → division along these codes.
 *
 * @example industryClassOf('2521')?.divisionNameZh === '石油、煤炭及其他燃料加工业'
 */
import classesFile from '../../../../reference/gbt-4754-2017-classes.json' with { type: 'json' };
import type { ReferenceStatus } from '../reference/reference-library.ts';
import { CarbonAccountInputError } from './carbon-account-error.ts';

export interface IndustryClass {
  /** 小类, 4 digits, e.g. '2521'. */
  readonly code: string;
  readonly nameZh: string;
  /** 中类, the first 3 digits, e.g. '252'. */
  readonly group: string;
  readonly groupNameZh: string;
  /** 大类, the first 2 digits, e.g. '25'. */
  readonly division: string;
  readonly divisionNameZh: string;
  /** 门类 letter, e.g. 'C'. */
  readonly section: string;
  readonly sectionNameZh: string;
  readonly status: ReferenceStatus;
}

export interface IndustryDivision {
  readonly code: string;
  readonly nameZh: string;
  readonly section: string;
  readonly status: ReferenceStatus;
}

/** Reference id of the classification, for the calculation audit. */
export const industryClassificationRef = 'gbt_4754_2017';

// ---- the file, read once and checked (a malformed file is a programming error) ----

const statuses: readonly string[] = ['verified', 'secondary', 'unverified', 'design'];

function checked<T extends { code: string; status: string }>(records: readonly T[], pattern: RegExp, what: string): Map<string, T> {
  const byCode = new Map<string, T>();
  for (const record of records) {
    if (!pattern.test(record.code) || byCode.has(record.code) || !statuses.includes(record.status)) {
      throw new Error(`gbt-4754-2017-classes.json: malformed or repeated ${what} ${JSON.stringify(record)}`);
    }
    byCode.set(record.code, record);
  }
  return byCode;
}

const sections = checked(classesFile.sections, /^[A-T]$/, 'section');
const divisions = checked(classesFile.divisions, /^\d{2}$/, 'division');
const groups = checked(classesFile.groups, /^\d{3}$/, 'group');
if (divisions.size !== 97) throw new Error(`gbt-4754-2017-classes.json: expected 97 divisions, found ${divisions.size}`);

const classes: readonly IndustryClass[] = classesFile.classes.map((c) => {
  const groupCode = c.code.slice(0, 3);
  const divisionCode = c.code.slice(0, 2);
  const group = groups.get(groupCode);
  const division = divisions.get(divisionCode);
  const section = division === undefined ? undefined : sections.get(division.section);
  if (!/^\d{4}$/.test(c.code) || group === undefined || division === undefined || section === undefined || group.division !== divisionCode) {
    throw new Error(`gbt-4754-2017-classes.json: class ${c.code} has no consistent group, division and section`);
  }
  return Object.freeze({
    code: c.code,
    nameZh: c.nameZh,
    group: groupCode,
    groupNameZh: group.nameZh,
    division: divisionCode,
    divisionNameZh: division.nameZh,
    section: section.code,
    sectionNameZh: section.nameZh,
    status: c.status as ReferenceStatus,
  });
});
const classByCode = new Map(classes.map((c) => [c.code, c]));
if (classByCode.size !== classes.length) throw new Error('gbt-4754-2017-classes.json: repeated class code');

/** The accepted class with its group, division and section; undefined for an unknown or malformed code. */
export function industryClassOf(code: string): IndustryClass | undefined {
  return classByCode.get(code);
}

export function isKnownIndustryClass(code: string): boolean {
  return classByCode.has(code);
}

/** Every accepted class, in code order as in the file. */
export function industryClasses(): readonly IndustryClass[] {
  return classes;
}

/** All 97 divisions (大类), for pickers and for naming the fallback level of a peer group. */
export function industryDivisions(): readonly IndustryDivision[] {
  return [...divisions.values()].map((d) => ({ code: d.code, nameZh: d.nameZh, section: d.section, status: d.status as ReferenceStatus }));
}

/** Chinese name of a group (3 digits) or division (2 digits) code, when the file has it. */
export function industryLevelNameZh(code: string): string | undefined {
  if (code.length === 2) return divisions.get(code)?.nameZh;
  if (code.length === 3) return groups.get(code)?.nameZh;
  return classByCode.get(code)?.nameZh;
}

/**
 * Classes whose account total is gross emissions (scope 1 + scope 2) instead of net: coal power.
 * The issue names 4411 火力发电. 4412 热电联产 is included for the same reason: a combined heat and
 * power plant's products are the electricity and heat it exports, so subtracting exports (the net
 * figure) would remove the plant's own product emissions and leave it near zero or negative. The
 * national ETS guide for power generation facilities (发电设施) covers CHP units too and counts their
 * fuel combustion and purchased electricity without deducting exports.
 */
const powerGenerationClasses: ReadonlySet<string> = new Set(['4411', '4412']);

export function isPowerGeneration(code: string): boolean {
  return powerGenerationClasses.has(code);
}

/**
 * The industry class of each demo sector (reference/jining.json demoData.sectors, plus
 * 'new_energy'), chosen for the fictional demo enterprises; throws CarbonAccountInputError for an
 * unknown sector.
 */
const demoSectorClasses: Readonly<Record<string, string>> = {
  coal_mining: '0610',
  coal_power: '4411',
  coking: '2521',
  methanol: '2614',
  chlor_alkali: '2612',
  cement_clinker: '3011',
  paper: '2221',
  tyres: '2911',
  construction_machinery: '3514',
  textiles: '1711',
  new_energy: '4416',
};

export function demoIndustryClassOfSector(sectorId: string): string {
  const code = Object.hasOwn(demoSectorClasses, sectorId) ? demoSectorClasses[sectorId] : undefined;
  if (code === undefined) throw new CarbonAccountInputError({ path: 'sector', message: `unknown demo sector ${JSON.stringify(sectorId)}` });
  return code;
}
