import { describe, expect, it } from 'vitest';
import catalogs from '../../../../reference/catalogs.json' with { type: 'json' };
import classesFile from '../../../../reference/gbt-4754-2017-classes.json' with { type: 'json' };
import { demoSectorIds } from '../demo-city/organisations.ts';
import { CarbonAccountInputError } from './carbon-account-error.ts';
import {
  demoIndustryClassOfSector,
  industryClasses,
  industryClassOf,
  industryDivisions,
  industryLevelNameZh,
  isKnownIndustryClass,
  isPowerGeneration,
} from './industry-classes.ts';

describe('reference/gbt-4754-2017-classes.json', () => {
  it('has all 97 divisions 01–97 in sections A–T, each with a Chinese name', () => {
    const divisions = industryDivisions();
    expect(divisions.map((d) => d.code)).toEqual(Array.from({ length: 97 }, (_, i) => String(i + 1).padStart(2, '0')));
    expect(classesFile.sections.map((s) => s.code).join('')).toBe('ABCDEFGHIJKLMNOPQRST');
    for (const d of divisions) {
      expect(d.nameZh).toMatch(/\p{Script=Han}/u);
      expect(classesFile.sections.some((s) => s.code === d.section)).toBe(true);
    }
  });

  it('marks the file and every record unverified (names come from recollection)', () => {
    expect(classesFile.meta.status).toBe('unverified');
    expect(classesFile.meta.note).toContain('NBS');
    const records = [...classesFile.sections, ...classesFile.divisions, ...classesFile.groups, ...classesFile.classes];
    expect(records.every((r) => r.status === 'unverified')).toBe(true);
  });

  it('gives every class 4 digits, an existing division and a group inside that division', () => {
    const divisionCodes = new Set(industryDivisions().map((d) => d.code));
    expect(industryClasses().length).toBeGreaterThan(150);
    for (const c of industryClasses()) {
      expect(c.code).toMatch(/^\d{4}$/);
      expect(divisionCodes.has(c.code.slice(0, 2))).toBe(true);
      expect(c.division).toBe(c.code.slice(0, 2));
      expect(c.group).toBe(c.code.slice(0, 3));
      expect(c.groupNameZh.length).toBeGreaterThan(0);
      expect(c.status).toBe('unverified');
    }
    expect(new Set(industryClasses().map((c) => c.code)).size).toBe(industryClasses().length);
  });

  it('names the energy-intensive divisions as catalogs.json does', () => {
    for (const d of catalogs.energyIntensiveDivisions.divisions) {
      const code = d.code.slice(1);
      expect(industryDivisions().find((x) => x.code === code)?.nameZh, d.code).toBe(d.nameZh);
      expect(industryDivisions().find((x) => x.code === code)?.section).toBe(d.code.charAt(0));
    }
  });

  const required =
    '0610 0620 0690 1711 1712 1713 2211 2212 2221 2222 2223 2511 2519 2521 2522 2523 2524 2529 2611 2612 2613 2614 2619 2621 2622 2624 2625 2631 2641 2651 2652 2653 ' +
    '2911 2912 2913 2914 2915 2916 2919 3011 3012 3021 3031 3041 3042 3049 3061 3071 3089 3110 3120 3130 3140 3211 3212 3213 3214 3215 3216 3217 3219 ' +
    '3511 3512 3513 3514 3515 3516 4411 4412 4413 4414 4415 4416 4417 4419 4420 4430 4511 4512 4520';
  it.each(required.split(' '))('accepts %s', (code) => {
    expect(isKnownIndustryClass(code)).toBe(true);
  });

  it('does not accept 2011-edition codes that the 2017 edition dropped (3150 铁合金冶炼 is 3140 now)', () => {
    expect(isKnownIndustryClass('3150')).toBe(false);
    expect(industryClassOf('3140')?.nameZh).toBe('铁合金冶炼');
  });
});

describe('industryClassOf', () => {
  it.each([
    { code: '2521', nameZh: '炼焦', group: '252', groupNameZh: '煤炭加工', division: '25', divisionNameZh: '石油、煤炭及其他燃料加工业', section: 'C' },
    { code: '0610', nameZh: '烟煤和无烟煤开采洗选', group: '061', groupNameZh: '烟煤和无烟煤开采洗选', division: '06', divisionNameZh: '煤炭开采和洗选业', section: 'B' },
    { code: '4411', nameZh: '火力发电', group: '441', groupNameZh: '电力生产', division: '44', divisionNameZh: '电力、热力生产和供应业', section: 'D' },
    { code: '3514', nameZh: '建筑工程用机械制造', group: '351', groupNameZh: '采矿、冶金、建筑专用设备制造', division: '35', divisionNameZh: '专用设备制造业', section: 'C' },
    { code: '2911', nameZh: '轮胎制造', group: '291', groupNameZh: '橡胶制品业', division: '29', divisionNameZh: '橡胶和塑料制品业', section: 'C' },
  ])('$code $nameZh', (expected) => {
    expect(industryClassOf(expected.code)).toMatchObject({ ...expected, status: 'unverified' });
  });

  it.each(['9999', '252', '25', '02521', 'abcd', '', ' 2521'])('unknown or malformed %j → undefined', (code) => {
    expect(industryClassOf(code)).toBeUndefined();
    expect(isKnownIndustryClass(code)).toBe(false);
  });

  it('names groups and divisions for peer-group reasons', () => {
    expect(industryLevelNameZh('252')).toBe('煤炭加工');
    expect(industryLevelNameZh('25')).toBe('石油、煤炭及其他燃料加工业');
    expect(industryLevelNameZh('999')).toBeUndefined();
  });
});

describe('isPowerGeneration (gross-emission accounts)', () => {
  it.each([
    ['4411', true],
    ['4412', true],
    ['4413', false],
    ['4416', false],
    ['4430', false],
    ['2521', false],
    ['441', false],
  ])('%s → %s', (code, expected) => {
    expect(isPowerGeneration(code)).toBe(expected);
  });
});

describe('demoIndustryClassOfSector', () => {
  it.each([
    ['coal_mining', '0610'],
    ['coal_power', '4411'],
    ['coking', '2521'],
    ['methanol', '2614'],
    ['chlor_alkali', '2612'],
    ['cement_clinker', '3011'],
    ['paper', '2221'],
    ['tyres', '2911'],
    ['construction_machinery', '3514'],
    ['textiles', '1711'],
    ['new_energy', '4416'],
  ])('%s → %s', (sector, code) => {
    expect(demoIndustryClassOfSector(sector)).toBe(code);
  });

  it('maps every demo sector of the demo city to a known class', () => {
    expect(demoSectorIds.length).toBe(11);
    for (const sector of demoSectorIds) expect(isKnownIndustryClass(demoIndustryClassOfSector(sector)), sector).toBe(true);
  });

  it('refuses an unknown sector', () => {
    expect(() => demoIndustryClassOfSector('steel')).toThrow(CarbonAccountInputError);
    expect(() => demoIndustryClassOfSector('toString')).toThrow(CarbonAccountInputError);
  });
});
