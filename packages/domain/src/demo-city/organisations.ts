/**
 * The organisations of the demo city (Jining, 济宁市): the platform operator, the real public
 * bodies (city bureaus, county governments and zone committees, regulators) and a fictional
 * financial and industrial landscape (banks with branches and sub-branches, an insurer, a
 * guarantor, verifiers, data partners and enterprises), all marked 示例.
 *
 * Everything is derived from constants and reference/jining.json, so `demoOrganisations()` returns
 * the same list on every call; ids are stable and readable so that seeds, logins and tests can
 * refer to them (see `demoIds`).
 */
import jining from '../../../../reference/jining.json' with { type: 'json' };
import { makeUscc, usccCharset } from '../identity/uscc.ts';
import { cityAdminCode, cityAreas, type CityArea } from './city-areas.ts';
import { enterpriseNamesBySector } from './enterprise-names.ts';

export { cityAreas, type CityArea } from './city-areas.ts';

export const organisationTypes = [
  'platform',
  'government',
  'county_government',
  'regulator',
  'bank',
  'insurer',
  'guarantor',
  'enterprise',
  'verifier',
  'partner',
  'residents',
] as const;
export type OrganisationType = (typeof organisationTypes)[number];

/**
 * Levels of a bank's network in the city: 'head' is the Jining-level institution (a bank's 济宁分行,
 * or a local bank's 总行), 'branch' a county 支行, 'sub_branch' an outlet under it (营业部, 分理处).
 * Account managers are users, not organisations.
 */
export const bankLevels = ['head', 'branch', 'sub_branch'] as const;
export type BankLevel = (typeof bankLevels)[number];

export interface SeedOrganisation {
  /** Stable readable id, lowercase kebab, e.g. 'gov-drc', 'county-zoucheng', 'bank-taiyue', 'ent-001'. */
  id: string;
  type: OrganisationType;
  /** Only for banks; null otherwise. */
  bankLevel: BankLevel | null;
  /** Bank branch → its head, sub-branch → its branch; null otherwise. Parents are listed first. */
  parentId: string | null;
  nameZh: string;
  nameEn: string;
  /**
   * Valid USCC for every fictional organisation; null for the real public bodies, for which we
   * do not invent identifiers.
   */
  uscc: string | null;
  /** 'jining' (whole city) or a division / functional-zone id of reference/jining.json. */
  areaId: string;
  /** Enterprises only: a sector id of reference/jining.json demoData.sectors, or 'new_energy'. */
  sector: string | null;
  /** true for every fictional organisation; false for the real public bodies and the platform operator. */
  isDemo: boolean;
}

/** Sectors of the demo enterprises: the reference file's demo sectors, then 'new_energy'. */
export const demoSectorIds: readonly string[] = [...jining.demoData.sectors.map((s) => s.id), 'new_energy'];

/** Ids that other features (logins, seeds, end-to-end tests) refer to by role. */
export const demoIds = {
  platform: 'platform',
  drc: 'gov-drc',
  eeb: 'gov-eeb',
  finance: 'gov-finance',
  miit: 'gov-miit',
  lfrb: 'gov-lfrb',
  tax: 'gov-tax',
  countyZoucheng: 'county-zoucheng',
  pboc: 'pboc-jining',
  nfra: 'nfra-jining',
  bank1: 'bank-taiyue',
  bank2: 'bank-zhusi',
  /** A county branch of bank1, with the two sub-branches below. */
  bank1Branch: 'bank-taiyue-zoucheng',
  bank1SubBranch: 'bank-taiyue-zoucheng-main',
  /** Sibling of bank1SubBranch under the same branch: must not see bank1SubBranch's customers. */
  bank1SiblingSubBranch: 'bank-taiyue-zoucheng-taiping',
  insurer: 'insurer-anze',
  guarantor: 'guarantor-hengyue',
  verifier1: 'verifier-lutan',
  verifier2: 'verifier-daiqing',
  partnerBus: 'partner-bus',
  partnerBikeShare: 'partner-bike',
  partnerPower: 'partner-power',
  enterprise1: 'ent-001',
  enterprise2: 'ent-002',
} as const;

/** Id of the people's government of a division, or the management committee of a zone. */
export function areaGovernmentId(areaId: string): string {
  const zone = jining.functionalZones.some((z) => z.id === areaId);
  return `${zone ? 'zone' : 'county'}-${areaId.replaceAll('_', '-')}`;
}

/**
 * Organisation-code body (9 characters) for a fictional organisation: 'MA' (the prefix of codes
 * issued since the 2015 reform) and the 32-bit FNV-1a hash of the id in 7 base-31 digits
 * (31⁷ ≈ 2.75 × 10¹⁰ > 2³², so every hash fits). Derived from the id, not the list position, so
 * adding an organisation never changes another's USCC.
 */
function serialFor(id: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i += 1) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  let digits = '';
  for (let i = 0; i < 7; i += 1) {
    digits = usccCharset.charAt(hash % 31) + digits;
    hash = Math.floor(hash / 31);
  }
  return `MA${digits}`;
}

/** Chinese short name of a division for branch names: 邹城市 → 邹城, 任城区 → 任城, 微山县 → 微山. */
function shortNameZh(area: CityArea): string {
  return area.nameZh.replace(/[区市县]$/u, '');
}

/** English short name: 'Zoucheng City' → 'Zoucheng'. */
function shortNameEn(area: CityArea): string {
  return area.nameEn.replace(/ (District|City|County)$/u, '');
}

const cityBureaus: ReadonlyArray<{ id: string; nameZh: string; nameEn: string }> = [
  { id: demoIds.drc, nameZh: '济宁市发展改革委', nameEn: 'Jining Municipal Development and Reform Commission' },
  { id: demoIds.eeb, nameZh: '济宁市生态环境局', nameEn: 'Jining Municipal Bureau of Ecology and Environment' },
  { id: demoIds.finance, nameZh: '济宁市财政局', nameEn: 'Jining Municipal Finance Bureau' },
  {
    id: demoIds.miit,
    nameZh: '济宁市工业和信息化局',
    nameEn: 'Jining Municipal Bureau of Industry and Information Technology',
  },
  { id: demoIds.lfrb, nameZh: '济宁市地方金融管理局', nameEn: 'Jining Local Financial Regulatory Bureau' },
  {
    id: demoIds.tax,
    nameZh: '国家税务总局济宁市税务局',
    nameEn: 'Jining Municipal Tax Service, State Taxation Administration',
  },
  // Further lead and partner agencies of the 2024 carbon-finance action plan (reference/jining-action-plan-2024.json).
  { id: 'gov-nrp', nameZh: '济宁市自然资源和规划局', nameEn: 'Jining Municipal Bureau of Natural Resources and Planning' },
  { id: 'gov-agri', nameZh: '济宁市农业农村局', nameEn: 'Jining Municipal Bureau of Agriculture and Rural Affairs' },
  { id: 'gov-commerce', nameZh: '济宁市商务局', nameEn: 'Jining Municipal Bureau of Commerce' },
  {
    id: 'gov-sasac',
    nameZh: '济宁市国资委',
    nameEn: 'Jining State-owned Assets Supervision and Administration Commission',
  },
  { id: 'gov-sci', nameZh: '济宁市科技局', nameEn: 'Jining Municipal Bureau of Science and Technology' },
  { id: 'gov-edu', nameZh: '济宁市教育局', nameEn: 'Jining Municipal Education Bureau' },
  {
    id: 'gov-hrss',
    nameZh: '济宁市人力资源社会保障局',
    nameEn: 'Jining Municipal Bureau of Human Resources and Social Security',
  },
];

const regulators: ReadonlyArray<{ id: string; nameZh: string; nameEn: string }> = [
  { id: demoIds.pboc, nameZh: '人民银行济宁市分行', nameEn: "People's Bank of China Jining Branch" },
  {
    id: demoIds.nfra,
    nameZh: '国家金融监督管理总局济宁监管分局',
    nameEn: 'National Financial Regulatory Administration Jining Branch',
  },
];

interface BankSpec {
  /** Id stem: the head is `bank-<key>`, a branch `bank-<key>-<divisionId>`. */
  key: string;
  brandZh: string;
  brandEn: string;
  /** Divisions with a county branch (支行); together the banks cover all 11 divisions. */
  branchAreas: readonly string[];
}

/** Fictional banks; the first is demoIds.bank1, the second demoIds.bank2. */
const bankSpecs: readonly BankSpec[] = [
  { key: 'taiyue', brandZh: '泰岳', brandEn: 'Taiyue', branchAreas: ['zoucheng', 'yanzhou', 'rencheng'] },
  { key: 'zhusi', brandZh: '洙泗', brandEn: 'Zhusi', branchAreas: ['qufu', 'sishui', 'zoucheng'] },
  { key: 'huyun', brandZh: '湖韵', brandEn: 'Huyun', branchAreas: ['weishan', 'yutai', 'rencheng'] },
  { key: 'jinyuan', brandZh: '金垣', brandEn: 'Jinyuan', branchAreas: ['jinxiang', 'jiaxiang', 'yanzhou'] },
  { key: 'heming', brandZh: '鹤鸣', brandEn: 'Heming', branchAreas: ['wenshang', 'liangshan', 'jiaxiang'] },
];

/**
 * Invented streets for the second outlet (分理处) of each branch, taken in turn; the first outlet
 * of every branch is its 营业部. Two outlets per branch give every sub-branch a sibling.
 */
const outletStreets: ReadonlyArray<readonly [idPart: string, zh: string, en: string]> = [
  ['taiping', '太平路', 'Taiping Road'],
  ['jianshe', '建设路', 'Jianshe Road'],
  ['heping', '和平路', 'Heping Road'],
  ['guangming', '光明路', 'Guangming Road'],
  ['wenhua', '文化路', 'Wenhua Road'],
  ['qingnian', '青年路', 'Qingnian Road'],
  ['zhenxing', '振兴路', 'Zhenxing Road'],
];

/** Other fictional financial institutions and data partners, all registered city-wide. */
const otherFictional: ReadonlyArray<{
  id: string;
  type: OrganisationType;
  nameZh: string;
  nameEn: string;
}> = [
  {
    id: demoIds.insurer,
    type: 'insurer',
    nameZh: '示例安泽财产保险股份有限公司济宁中心支公司',
    nameEn: 'Anze Property & Casualty Insurance Co., Ltd. (Demo), Jining Central Sub-branch',
  },
  {
    id: demoIds.guarantor,
    type: 'guarantor',
    nameZh: '示例衡岳融资担保有限公司',
    nameEn: 'Hengyue Financing Guarantee Co., Ltd. (Demo)',
  },
  {
    id: demoIds.verifier1,
    type: 'verifier',
    nameZh: '示例鲁碳核查技术服务有限公司',
    nameEn: 'Lutan Verification Technical Services Co., Ltd. (Demo)',
  },
  {
    id: demoIds.verifier2,
    type: 'verifier',
    nameZh: '示例岱青碳核查有限公司',
    nameEn: 'Daiqing Carbon Verification Co., Ltd. (Demo)',
  },
  {
    id: demoIds.partnerBus,
    type: 'partner',
    nameZh: '示例济州公共交通有限公司',
    nameEn: 'Jizhou Public Transport Co., Ltd. (Demo)',
  },
  {
    id: demoIds.partnerBikeShare,
    type: 'partner',
    nameZh: '示例绿轮共享出行有限公司',
    nameEn: 'Lvlun Shared Mobility Co., Ltd. (Demo)',
  },
  {
    id: demoIds.partnerPower,
    type: 'partner',
    nameZh: '示例鲁西南供电有限公司',
    nameEn: 'Luxinan Power Supply Co., Ltd. (Demo)',
  },
];

/**
 * Where the demo enterprises of each sector are, following demoData.sectors[].divisions / zones
 * and demoData.geographyNote. A sector without a location is spread over the divisions that no
 * sector names (曲阜, 鱼台, 嘉祥, 泗水), each such sector starting one division further on, so
 * those counties also have industry.
 */
function sectorLocations(): Map<string, readonly string[]> {
  const located = jining.demoData.sectors.flatMap((s) => [...(s.divisions ?? []), ...(s.zones ?? [])]);
  const otherCounties = jining.divisions.map((d) => d.id).filter((id) => !located.includes(id));
  const locations = new Map<string, readonly string[]>();
  let unlocated = 0;
  for (const sectorId of demoSectorIds) {
    const sector = jining.demoData.sectors.find((s) => s.id === sectorId);
    const named = [...(sector?.divisions ?? []), ...(sector?.zones ?? [])];
    if (named.length > 0) {
      locations.set(sectorId, named);
    } else {
      const start = unlocated % otherCounties.length;
      locations.set(sectorId, [...otherCounties.slice(start), ...otherCounties.slice(0, start)]);
      unlocated += 1;
    }
  }
  return locations;
}

/**
 * The demo city's organisations in a fixed order: platform, city bureaus, county governments and
 * zone committees, regulators, banks (each head, then each branch followed by its sub-branches),
 * insurer, guarantor, verifiers, partners, enterprises. Parents always precede children.
 *
 * Enterprises are numbered ent-001… taking one from each sector in turn (coal mining, coal power,
 * coking, …), so the first few cover different sectors.
 *
 * @throws Error if the reference data and the tables here disagree (unknown area, sector without
 *   names, duplicate id or USCC) — a programming error, caught by the tests.
 */
export function demoOrganisations(): SeedOrganisation[] {
  const areas = new Map(cityAreas().map((a) => [a.id, a]));
  const areaOf = (id: string): CityArea => {
    const area = areas.get(id);
    if (area === undefined) throw new Error(`demo city: unknown area '${id}'`);
    return area;
  };
  /** Fictional organisations are registered with 工商 ('9') as enterprises ('1'). */
  const usccFor = (id: string, areaId: string): string =>
    makeUscc({
      authority: '9',
      kind: '1',
      // Functional zones have no division code of their own; they register under the city's.
      adminCode: areaOf(areaId).adminCode ?? cityAdminCode,
      serial: serialFor(id),
    });

  const orgs: SeedOrganisation[] = [];
  const publicBody = (o: { id: string; type: OrganisationType; nameZh: string; nameEn: string; areaId: string }) =>
    orgs.push({ ...o, bankLevel: null, parentId: null, uscc: null, sector: null, isDemo: false });
  const fictional = (o: { id: string; type: OrganisationType; nameZh: string; nameEn: string; areaId: string; bankLevel?: BankLevel; parentId?: string; sector?: string }) =>
    orgs.push({
      id: o.id,
      type: o.type,
      bankLevel: o.bankLevel ?? null,
      parentId: o.parentId ?? null,
      nameZh: o.nameZh,
      nameEn: o.nameEn,
      uscc: usccFor(o.id, o.areaId),
      areaId: o.areaId,
      sector: o.sector ?? null,
      isDemo: true,
    });

  publicBody({
    id: demoIds.platform,
    type: 'platform',
    nameZh: '济宁市碳金融服务平台运营中心',
    nameEn: 'Jining Carbon Finance Service Platform Operations Centre',
    areaId: 'jining',
  });
  for (const b of cityBureaus) publicBody({ ...b, type: 'government', areaId: 'jining' });
  for (const area of areas.values()) {
    if (area.parentId === null) continue;
    const zone = area.type === 'functional_zone';
    publicBody({
      id: areaGovernmentId(area.id),
      type: 'county_government',
      nameZh: `${area.nameZh}${zone ? '管理委员会' : '人民政府'}`,
      nameEn: `${area.nameEn} ${zone ? 'Management Committee' : "People's Government"}`,
      areaId: area.id,
    });
  }
  for (const r of regulators) publicBody({ ...r, type: 'regulator', areaId: 'jining' });

  let branchNumber = 0;
  for (const bank of bankSpecs) {
    const headId = `bank-${bank.key}`;
    const bankZh = `示例${bank.brandZh}银行`;
    const bankEn = `${bank.brandEn} Bank (Demo)`;
    fictional({
      id: headId,
      type: 'bank',
      bankLevel: 'head',
      nameZh: `${bankZh}济宁分行`,
      nameEn: `${bankEn}, Jining Branch`,
      areaId: 'jining',
    });
    for (const areaId of bank.branchAreas) {
      const area = areaOf(areaId);
      const branchId = `${headId}-${areaId}`;
      const branchZh = `${bankZh}${shortNameZh(area)}支行`;
      const branchEn = `${bankEn}, ${shortNameEn(area)} Sub-branch`;
      fictional({
        id: branchId,
        type: 'bank',
        bankLevel: 'branch',
        parentId: headId,
        nameZh: branchZh,
        nameEn: branchEn,
        areaId,
      });
      fictional({
        id: `${branchId}-main`,
        type: 'bank',
        bankLevel: 'sub_branch',
        parentId: branchId,
        nameZh: `${branchZh}营业部`,
        nameEn: `${branchEn} Business Department`,
        areaId,
      });
      const outlet = outletStreets[branchNumber % outletStreets.length];
      if (outlet === undefined) throw new Error('demo city: no outlet streets');
      const [street, streetZh, streetEn] = outlet;
      fictional({
        id: `${branchId}-${street}`,
        type: 'bank',
        bankLevel: 'sub_branch',
        parentId: branchId,
        nameZh: `${bankZh}${shortNameZh(area)}${streetZh}分理处`,
        nameEn: `${bankEn}, ${shortNameEn(area)} ${streetEn} Office`,
        areaId,
      });
      branchNumber += 1;
    }
  }

  for (const o of otherFictional) fictional({ ...o, areaId: 'jining' });

  const locations = sectorLocations();
  const queues = demoSectorIds.map((sectorId) => {
    const naming = enterpriseNamesBySector[sectorId];
    if (naming === undefined) throw new Error(`demo city: no enterprise names for sector '${sectorId}'`);
    return { sectorId, naming, places: locations.get(sectorId) ?? [], next: 0 };
  });
  let enterpriseNumber = 0;
  for (let round = 0; queues.some((q) => q.next < q.naming.brands.length); round += 1) {
    for (const q of queues) {
      const brand = q.naming.brands[q.next];
      if (brand === undefined) continue;
      const [brandZh, brandEn] = brand;
      enterpriseNumber += 1;
      fictional({
        id: `ent-${String(enterpriseNumber).padStart(3, '0')}`,
        type: 'enterprise',
        nameZh: `示例·${brandZh}${q.naming.suffixZh}`,
        nameEn: `${brandEn} ${q.naming.suffixEn} (Demo)`,
        areaId: q.places[q.next % q.places.length] ?? 'jining',
        sector: q.sectorId,
      });
      q.next += 1;
    }
  }

  assertUnique(
    orgs.map((o) => o.id),
    'id',
  );
  assertUnique(
    orgs.flatMap((o) => (o.uscc === null ? [] : [o.uscc])),
    'USCC',
  );
  return orgs;
}

function assertUnique(values: readonly string[], what: string): void {
  const seen = new Set<string>();
  for (const v of values) {
    if (seen.has(v)) throw new Error(`demo city: duplicate ${what} '${v}'`);
    seen.add(v);
  }
}
