/**
 * The areas of the demo city, Jining (济宁市): the city itself, its 11 county-level divisions and
 * its 4 functional zones, from reference/jining.json.
 *
 * Functional zones are not administrative divisions: they have no GB/T 2260 code of their own,
 * so their `adminCode` is null and anything registered there uses the city code.
 */
import jining from '../../../../reference/jining.json' with { type: 'json' };

export const areaTypes = ['city', 'district', 'county_level_city', 'county', 'functional_zone'] as const;
export type AreaType = (typeof areaTypes)[number];

export interface CityArea {
  /** 'jining' for the city; otherwise the division or zone id of reference/jining.json. */
  id: string;
  nameZh: string;
  nameEn: string;
  type: AreaType;
  /** null for the city; 'jining' for every division and zone. */
  parentId: string | null;
  /** GB/T 2260 six-digit code; null for functional zones. */
  adminCode: string | null;
  /** Verification status of `adminCode` as recorded in the reference file ('unverified', …). */
  adminCodeStatus: string | null;
}

/** The city's GB/T 2260 code, also used for anything registered in a functional zone. */
export const cityAdminCode: string = jining.cityAdminCode.code;

/**
 * English names (pinyin + District/County/City/Zone), keyed by area id. The reference file has
 * Chinese names only; an area missing here fails `cityAreas()` rather than showing a blank.
 */
const englishNames: Readonly<Record<string, string>> = {
  jining: 'Jining City',
  rencheng: 'Rencheng District',
  yanzhou: 'Yanzhou District',
  qufu: 'Qufu City',
  zoucheng: 'Zoucheng City',
  weishan: 'Weishan County',
  yutai: 'Yutai County',
  jinxiang: 'Jinxiang County',
  jiaxiang: 'Jiaxiang County',
  wenshang: 'Wenshang County',
  sishui: 'Sishui County',
  liangshan: 'Liangshan County',
  jining_high_tech_zone: 'Jining High-tech Industrial Development Zone',
  jining_economic_development_zone: 'Jining Economic and Technological Development Zone',
  taibaihu_new_district: 'Taibaihu New District',
  qufu_cultural_demonstration_zone: 'Qufu Cultural Construction Demonstration Zone',
};

function englishName(id: string): string {
  const name = englishNames[id];
  if (name === undefined) throw new Error(`demo city: no English name for area '${id}'`);
  return name;
}

function asAreaType(type: string, id: string): AreaType {
  const found = areaTypes.find((t) => t === type);
  if (found === undefined) throw new Error(`demo city: area '${id}' has unknown type '${type}'`);
  return found;
}

/**
 * The city first, then its divisions and zones in reference-file order; every call returns fresh
 * objects with the same content.
 */
export function cityAreas(): CityArea[] {
  const city: CityArea = {
    id: jining.city.id,
    nameZh: jining.city.nameZh,
    nameEn: englishName(jining.city.id),
    type: 'city',
    parentId: null,
    adminCode: jining.cityAdminCode.code,
    adminCodeStatus: jining.cityAdminCode.status,
  };
  const divisions = jining.divisions.map((d): CityArea => ({
    id: d.id,
    nameZh: d.nameZh,
    nameEn: englishName(d.id),
    type: asAreaType(d.type, d.id),
    parentId: city.id,
    adminCode: d.adminCode,
    adminCodeStatus: d.adminCodeStatus,
  }));
  const zones = jining.functionalZones.map((z): CityArea => ({
    id: z.id,
    nameZh: z.nameZh,
    nameEn: englishName(z.id),
    type: asAreaType(z.type, z.id),
    parentId: city.id,
    adminCode: null,
    adminCodeStatus: null,
  }));
  return [city, ...divisions, ...zones];
}
