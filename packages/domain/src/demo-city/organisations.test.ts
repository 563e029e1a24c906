import { describe, expect, it } from 'vitest';
import jining from '../../../../reference/jining.json' with { type: 'json' };
import { isValidUscc } from '../identity/uscc.ts';
import {
  areaGovernmentId,
  bankLevels,
  cityAreas,
  demoIds,
  demoOrganisations,
  demoSectorIds,
  organisationTypes,
  type OrganisationType,
  type SeedOrganisation,
} from './organisations.ts';

const orgs = demoOrganisations();
const byId = new Map(orgs.map((o) => [o.id, o]));
const ofType = (type: OrganisationType) => orgs.filter((o) => o.type === type);
const childrenOf = (id: string) => orgs.filter((o) => o.parentId === id);
const areas = cityAreas();
const areaById = new Map(areas.map((a) => [a.id, a]));

/** Types whose organisations are fictional demo data; all others are real public bodies. */
const fictionalTypes: readonly OrganisationType[] = ['bank', 'insurer', 'guarantor', 'enterprise', 'verifier', 'partner'];

describe('demoOrganisations', () => {
  it('is deterministic and returns fresh objects', () => {
    const again = demoOrganisations();
    expect(again).toEqual(orgs);
    expect(again[0]).not.toBe(orgs[0]);
  });

  it('has unique lowercase-kebab ids', () => {
    expect(new Set(orgs.map((o) => o.id)).size).toBe(orgs.length);
    for (const o of orgs) expect(o.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('uses only known organisation types and bank levels', () => {
    for (const o of orgs) {
      expect(organisationTypes).toContain(o.type);
      if (o.type === 'bank') expect(bankLevels).toContain(o.bankLevel);
      else expect(o.bankLevel).toBeNull();
    }
  });

  it('lists every parent before its children', () => {
    const seen = new Set<string>();
    for (const o of orgs) {
      if (o.parentId !== null) expect(seen, `${o.id} → ${o.parentId}`).toContain(o.parentId);
      seen.add(o.id);
    }
  });

  it('gives every fictional organisation a unique valid USCC and no real body one', () => {
    const codes: string[] = [];
    for (const o of orgs) {
      if (fictionalTypes.includes(o.type)) {
        expect(o.uscc, o.id).not.toBeNull();
        expect(isValidUscc(o.uscc ?? ''), `${o.id} ${o.uscc}`).toBe(true);
        codes.push(o.uscc ?? '');
      } else {
        expect(o.uscc, o.id).toBeNull();
      }
    }
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('registers each USCC under its area’s division code (the city code for the city and zones)', () => {
    for (const o of orgs) {
      if (o.uscc === null) continue;
      const area = areaById.get(o.areaId);
      expect(o.uscc.slice(0, 2), o.id).toBe('91');
      expect(o.uscc.slice(2, 8), o.id).toBe(area?.adminCode ?? jining.cityAdminCode.code);
    }
  });

  it('marks exactly the fictional organisations as demo, each with 示例 in its name', () => {
    for (const o of orgs) {
      expect(o.isDemo, o.id).toBe(fictionalTypes.includes(o.type));
      if (o.isDemo) {
        expect(o.nameZh, o.id).toContain('示例');
        expect(o.nameEn, o.id).toContain('(Demo)');
      } else {
        expect(o.nameZh, o.id).not.toContain('示例');
      }
    }
  });

  it('has non-empty, unique Chinese and English names', () => {
    for (const o of orgs) {
      expect(o.nameZh.trim(), o.id).not.toBe('');
      expect(o.nameEn.trim(), o.id).not.toBe('');
    }
    expect(new Set(orgs.map((o) => o.nameZh)).size).toBe(orgs.length);
    expect(new Set(orgs.map((o) => o.nameEn)).size).toBe(orgs.length);
  });

  it('places every organisation in a known area', () => {
    for (const o of orgs) expect(areaById.has(o.areaId), `${o.id} in ${o.areaId}`).toBe(true);
  });

  it.each([
    { type: 'platform', min: 1, max: 1 },
    { type: 'government', min: 13, max: 13 },
    { type: 'county_government', min: 15, max: 15 },
    { type: 'regulator', min: 2, max: 2 },
    { type: 'insurer', min: 1, max: 1 },
    { type: 'guarantor', min: 1, max: 1 },
    { type: 'verifier', min: 2, max: 2 },
    { type: 'partner', min: 3, max: 3 },
    { type: 'enterprise', min: 60, max: Infinity },
  ] satisfies Array<{ type: OrganisationType; min: number; max: number }>)('has $min–$max $type organisations', ({ type, min, max }) => {
    const n = ofType(type).length;
    expect(n).toBeGreaterThanOrEqual(min);
    expect(n).toBeLessThanOrEqual(max);
  });
});

describe('public bodies', () => {
  it.each([
    { id: 'platform', type: 'platform', nameZh: '济宁市碳金融服务平台运营中心' },
    { id: 'gov-drc', type: 'government', nameZh: '济宁市发展改革委' },
    { id: 'gov-eeb', type: 'government', nameZh: '济宁市生态环境局' },
    { id: 'gov-finance', type: 'government', nameZh: '济宁市财政局' },
    { id: 'gov-miit', type: 'government', nameZh: '济宁市工业和信息化局' },
    { id: 'gov-lfrb', type: 'government', nameZh: '济宁市地方金融管理局' },
    { id: 'gov-tax', type: 'government', nameZh: '国家税务总局济宁市税务局' },
    { id: 'pboc-jining', type: 'regulator', nameZh: '人民银行济宁市分行' },
    { id: 'nfra-jining', type: 'regulator', nameZh: '国家金融监督管理总局济宁监管分局' },
    { id: 'county-zoucheng', type: 'county_government', nameZh: '邹城市人民政府' },
    { id: 'county-rencheng', type: 'county_government', nameZh: '任城区人民政府' },
    { id: 'county-weishan', type: 'county_government', nameZh: '微山县人民政府' },
    { id: 'zone-jining-high-tech-zone', type: 'county_government', nameZh: '济宁高新技术产业开发区管理委员会' },
  ])('$id is $nameZh', ({ id, type, nameZh }) => {
    expect(byId.get(id)).toMatchObject({ type, nameZh, isDemo: false, uscc: null, parentId: null });
  });

  it('has one government for each division and zone, in that area', () => {
    for (const area of areas.filter((a) => a.parentId !== null)) {
      const gov = byId.get(areaGovernmentId(area.id));
      expect(gov, area.id).toMatchObject({ type: 'county_government', areaId: area.id });
      expect(gov?.nameZh).toBe(`${area.nameZh}${area.type === 'functional_zone' ? '管理委员会' : '人民政府'}`);
    }
  });

  it('puts city bureaus, regulators and the platform at city level', () => {
    for (const o of [...ofType('government'), ...ofType('regulator'), ...ofType('platform')]) {
      expect(o.areaId, o.id).toBe('jining');
    }
  });
});

describe('banks', () => {
  const heads = orgs.filter((o) => o.type === 'bank' && o.bankLevel === 'head');

  it('has at least 5 banks at city level', () => {
    expect(heads.length).toBeGreaterThanOrEqual(5);
    for (const h of heads) expect(h).toMatchObject({ parentId: null, areaId: 'jining' });
  });

  it.each(heads.map((h) => ({ id: h.id, head: h })))('$id has ≥ 2 county branches, each with ≥ 2 sub-branches in the same county', ({ head }) => {
    const branches = childrenOf(head.id);
    expect(branches.length).toBeGreaterThanOrEqual(2);
    expect(new Set(branches.map((b) => b.areaId)).size).toBe(branches.length);
    for (const branch of branches) {
      expect(branch).toMatchObject({ type: 'bank', bankLevel: 'branch' });
      expect(branch.nameZh.startsWith(head.nameZh.replace('济宁分行', ''))).toBe(true);
      const subs = childrenOf(branch.id);
      // Two outlets under one branch: a sub-branch must not see its sibling's customers.
      expect(subs.length, branch.id).toBeGreaterThanOrEqual(2);
      for (const sub of subs) {
        expect(sub).toMatchObject({ type: 'bank', bankLevel: 'sub_branch', areaId: branch.areaId });
        expect(childrenOf(sub.id)).toEqual([]);
      }
    }
  });

  it('has no bank outside a head → branch → sub-branch tree', () => {
    for (const b of ofType('bank')) {
      const parent = b.parentId === null ? undefined : byId.get(b.parentId);
      const expected = { head: undefined, branch: 'head', sub_branch: 'branch' } as const;
      expect(parent?.bankLevel, b.id).toBe(b.bankLevel === null ? null : expected[b.bankLevel]);
    }
  });

  it('has bank branches in every division', () => {
    const divisions = jining.divisions.map((d) => d.id);
    const branchAreas = new Set(orgs.filter((o) => o.bankLevel === 'branch').map((o) => o.areaId));
    expect([...branchAreas].sort()).toEqual([...divisions].sort());
  });
});

describe('enterprises', () => {
  const enterprises = ofType('enterprise');

  it('are numbered ent-001… in order', () => {
    expect(enterprises.map((e) => e.id)).toEqual(enterprises.map((_, i) => `ent-${String(i + 1).padStart(3, '0')}`));
  });

  it('use only the reference sectors plus new_energy', () => {
    expect(demoSectorIds).toEqual([...jining.demoData.sectors.map((s) => s.id), 'new_energy']);
    for (const e of enterprises) expect(demoSectorIds, e.id).toContain(e.sector);
    for (const o of orgs.filter((x) => x.type !== 'enterprise')) expect(o.sector, o.id).toBeNull();
  });

  it.each(['coal_mining', 'coal_power', 'coking', 'methanol', 'chlor_alkali', 'cement_clinker', 'paper', 'tyres', 'construction_machinery', 'textiles', 'new_energy'])(
    'has at least 5 %s enterprises',
    (sector) => {
      expect(enterprises.filter((e) => e.sector === sector).length).toBeGreaterThanOrEqual(5);
    },
  );

  it.each(jining.demoData.sectors.filter((s) => (s.divisions ?? s.zones) !== undefined))('places $id where the reference file says, using every listed place', (sector) => {
    const places = [...(sector.divisions ?? []), ...(sector.zones ?? [])];
    const used = new Set(enterprises.filter((e) => e.sector === sector.id).map((e) => e.areaId));
    expect([...used].sort()).toEqual([...places].sort());
  });

  it('spreads sectors without a location over several divisions that no sector names', () => {
    const named = new Set(jining.demoData.sectors.flatMap((s) => [...(s.divisions ?? []), ...(s.zones ?? [])]));
    const unlocated = demoSectorIds.filter((id) => {
      const s = jining.demoData.sectors.find((x) => x.id === id);
      return s?.divisions === undefined && s?.zones === undefined;
    });
    expect(unlocated).toEqual(['cement_clinker', 'tyres', 'textiles', 'new_energy']);
    for (const sector of unlocated) {
      const used = new Set(enterprises.filter((e) => e.sector === sector).map((e) => e.areaId));
      expect(used.size, sector).toBeGreaterThanOrEqual(3);
      for (const areaId of used) expect(named.has(areaId), `${sector} in ${areaId}`).toBe(false);
    }
  });

  it('have company-style names', () => {
    for (const e of enterprises) {
      expect(e.nameZh, e.id).toMatch(/^示例·.+有限公司$/u);
      expect(e.nameEn, e.id).toMatch(/ Co\., Ltd\. \(Demo\)$/);
    }
  });
});

describe('no real company is used', () => {
  const referenceText = JSON.stringify(jining);

  /**
   * Companies, banks and plants named in reference/jining.json, as fragments a demo name must not
   * contain. Keep in step with that file; the first test checks each one really occurs there.
   */
  const realFragments = [
    '太阳纸业',
    '山推',
    '兖矿',
    '山东能源',
    '山能',
    '华电',
    '邹县发电厂',
    '中银电化',
    '凯赛',
    '华能',
    '恒信',
    '庚彩',
    '珞石',
    '天河科技',
    '水泊焊割',
    '银河电力',
    '时代新能源',
    '长城重工',
    '新能船业',
    '小松',
    '日照银行',
    '兖州农商银行',
    '城际公交',
  ];
  /** English names of the same companies (the file gives some; the others are their usual renderings). */
  const realEnglish = [
    'Shantui',
    'Sun Paper',
    'Komatsu',
    'Yankuang',
    'Shandong Energy',
    'Huadian',
    'Huaneng',
    'Cathay',
    'Rizhao Bank',
    'Bank of Rizhao',
    'Great Wall',
    'Yinhe',
    'CATL',
  ];

  /**
   * Chinese names ending in a company-like word, pulled from the file's text automatically so a
   * company added there later is caught even before the list above is updated.
   */
  const extracted = [...referenceText.matchAll(/[\u4e00-\u9fff]{2,8}?(?:银行|发电厂|纸业|电化|重工|船业|焊割|电力|科技|公司|集团|新能源|能源)/gu)].map((m) => m[0]);

  const demoNames = orgs.filter((o) => o.isDemo);

  it.each(realFragments)('%s occurs in reference/jining.json', (fragment) => {
    expect(referenceText).toContain(fragment);
  });

  it('finds the file’s company names automatically too', () => {
    expect(extracted).toEqual(expect.arrayContaining(['日照银行', '兖州农商银行', '太阳纸业', '长城重工']));
  });

  it.each([...new Set([...realFragments, ...extracted])])('no demo name contains %s', (fragment) => {
    const hits = demoNames.filter((o: SeedOrganisation) => o.nameZh.includes(fragment));
    expect(hits.map((o) => o.nameZh)).toEqual([]);
  });

  it.each(realEnglish)('no demo English name contains %s', (fragment) => {
    const hits = demoNames.filter((o) => o.nameEn.toLowerCase().includes(fragment.toLowerCase()));
    expect(hits.map((o) => o.nameEn)).toEqual([]);
  });
});

describe('demoIds', () => {
  it.each([
    { key: 'platform', type: 'platform' },
    { key: 'drc', type: 'government' },
    { key: 'eeb', type: 'government' },
    { key: 'finance', type: 'government' },
    { key: 'miit', type: 'government' },
    { key: 'lfrb', type: 'government' },
    { key: 'tax', type: 'government' },
    { key: 'countyZoucheng', type: 'county_government' },
    { key: 'pboc', type: 'regulator' },
    { key: 'nfra', type: 'regulator' },
    { key: 'bank1', type: 'bank', bankLevel: 'head' },
    { key: 'bank2', type: 'bank', bankLevel: 'head' },
    { key: 'bank1Branch', type: 'bank', bankLevel: 'branch' },
    { key: 'bank1SubBranch', type: 'bank', bankLevel: 'sub_branch' },
    { key: 'bank1SiblingSubBranch', type: 'bank', bankLevel: 'sub_branch' },
    { key: 'insurer', type: 'insurer' },
    { key: 'guarantor', type: 'guarantor' },
    { key: 'verifier1', type: 'verifier' },
    { key: 'verifier2', type: 'verifier' },
    { key: 'partnerBus', type: 'partner' },
    { key: 'partnerBikeShare', type: 'partner' },
    { key: 'partnerPower', type: 'partner' },
    { key: 'enterprise1', type: 'enterprise' },
    { key: 'enterprise2', type: 'enterprise' },
  ] satisfies Array<{ key: keyof typeof demoIds; type: OrganisationType; bankLevel?: string }>)('$key is a $type', ({ key, type, ...rest }) => {
    expect(byId.get(demoIds[key])).toMatchObject({ type, ...rest });
  });

  it('covers every key', () => {
    expect(Object.keys(demoIds)).toHaveLength(24);
  });

  it('links bank1 → bank1Branch → two sibling sub-branches', () => {
    expect(byId.get(demoIds.bank1Branch)?.parentId).toBe(demoIds.bank1);
    expect(byId.get(demoIds.bank1SubBranch)?.parentId).toBe(demoIds.bank1Branch);
    expect(byId.get(demoIds.bank1SiblingSubBranch)?.parentId).toBe(demoIds.bank1Branch);
    expect(demoIds.bank1SubBranch).not.toBe(demoIds.bank1SiblingSubBranch);
  });

  it('has enterprise1 and enterprise2 in different sectors', () => {
    expect(byId.get(demoIds.enterprise1)?.sector).not.toBe(byId.get(demoIds.enterprise2)?.sector);
  });
});

describe('cityAreas', () => {
  it('is the city, its 11 divisions and its 4 functional zones', () => {
    expect(areas.filter((a) => a.type === 'city').map((a) => a.id)).toEqual(['jining']);
    const divisions = areas.filter((a) => ['district', 'county_level_city', 'county'].includes(a.type));
    expect(divisions.map((a) => a.id)).toEqual(jining.divisions.map((d) => d.id));
    expect(divisions).toHaveLength(11);
    const zones = areas.filter((a) => a.type === 'functional_zone');
    expect(zones.map((a) => a.id)).toEqual(jining.functionalZones.map((z) => z.id));
    expect(zones).toHaveLength(4);
    expect(areas).toHaveLength(16);
  });

  it('hangs everything under the city, with unique ids', () => {
    expect(new Set(areas.map((a) => a.id)).size).toBe(areas.length);
    expect(areas[0]).toMatchObject({ id: 'jining', parentId: null, adminCode: '370800' });
    for (const a of areas.slice(1)) expect(a.parentId, a.id).toBe('jining');
  });

  it('keeps the reference division codes and gives zones none', () => {
    for (const a of areas) {
      if (a.type === 'functional_zone') {
        expect(a).toMatchObject({ adminCode: null, adminCodeStatus: null });
      } else {
        expect(a.adminCode, a.id).toMatch(/^3708\d\d$/);
        expect(a.adminCodeStatus, a.id).toBe('unverified');
      }
    }
  });

  it.each([
    { id: 'jining', nameEn: 'Jining City' },
    { id: 'rencheng', nameEn: 'Rencheng District' },
    { id: 'zoucheng', nameEn: 'Zoucheng City' },
    { id: 'liangshan', nameEn: 'Liangshan County' },
    { id: 'jining_high_tech_zone', nameEn: 'Jining High-tech Industrial Development Zone' },
  ])('names $id in English as $nameEn', ({ id, nameEn }) => {
    expect(areaById.get(id)?.nameEn).toBe(nameEn);
  });

  it('is deterministic', () => {
    expect(cityAreas()).toEqual(areas);
  });
});
