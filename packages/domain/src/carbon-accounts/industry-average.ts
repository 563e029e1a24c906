/**
 * The industry average carbon intensity for the `industry_intensity_ratio` label method
 * (label-scheme.json, jining_default_four_colour@2): Σ emissions ÷ Σ value added over the peer
 * group, in tCO2e per 10^4 CNY. Peers are the enterprises of the same GB/T 4754-2017 class (4
 * digits) in the same period; with fewer than `minPeers` (default 5) the group (3 digits) is tried,
 * then the division (2 digits). The rated enterprise counts among its peers. Only peers with
 * complete data and value added > 0 count. When no level has enough peers the method is not
 * applicable and the reason says so. The level, code and peer count are returned to be stored
 * with the label.
 *
 * @example industryAverage({ industryClass: '2521', peers }).averageIntensity
 */
import type { BilingualText } from '../labels/decide-label.ts';
import type { AccountFigures } from './account-figures.ts';
import { CarbonAccountInputError } from './carbon-account-error.ts';
import { parseDecimal, roundOut, ZERO } from './exact-decimal.ts';
import { industryLevelNameZh } from './industry-classes.ts';

export interface PeerFigures {
  readonly enterpriseId: string;
  /** GB/T 4754-2017 class, 4 digits. */
  readonly industryClass: string;
  /** The account total of the period (AccountFigures.emissionsTco2e), tCO2e. */
  readonly emissionsTco2e: string;
  /** Σ value added of the same period, 10^4 CNY. */
  readonly valueAdded10kCny: string;
  /** Every month of the period has figures and value added. */
  readonly complete: boolean;
}

export type IndustryAverageLevel = 'class' | 'group' | 'division';

export interface IndustryAverage {
  /** The level whose peer group was used; null when none had enough peers. */
  readonly level: IndustryAverageLevel | null;
  /** The code of that level (e.g. '2521', '252' or '25'); null with level null. */
  readonly code: string | null;
  /** Counted peers at the level used (or, with level null, at the division level). */
  readonly peerCount: number;
  /** Σ emissions ÷ Σ value added, tCO2e per 10^4 CNY, 6 decimals; null when not applicable. */
  readonly averageIntensity: string | null;
  /** Ids of the counted peers, sorted. */
  readonly peerIds: readonly string[];
  readonly reason: BilingualText;
}

export const defaultMinPeers = 5;

const levels: ReadonlyArray<{ level: IndustryAverageLevel; digits: number; zh: string }> = [
  { level: 'class', digits: 4, zh: '小类' },
  { level: 'group', digits: 3, zh: '中类' },
  { level: 'division', digits: 2, zh: '大类' },
];

function named(code: string): string {
  const name = industryLevelNameZh(code);
  return name === undefined ? code : `${code} ${name}`;
}

/** The peer-group average for one enterprise's class; see the module comment. Throws CarbonAccountInputError for malformed input. */
export function industryAverage(options: { readonly industryClass: string; readonly peers: readonly PeerFigures[]; readonly minPeers?: number }): IndustryAverage {
  const { industryClass, peers } = options;
  const minPeers = options.minPeers ?? defaultMinPeers;
  if (typeof industryClass !== 'string' || !/^\d{4}$/.test(industryClass)) {
    throw new CarbonAccountInputError({ path: 'industryClass', message: `must be a 4-digit GB/T 4754-2017 class, got ${JSON.stringify(industryClass)}` });
  }
  if (!Number.isInteger(minPeers) || minPeers < 1) throw new CarbonAccountInputError({ path: 'minPeers', message: 'must be a positive integer' });
  if (!Array.isArray(peers)) throw new CarbonAccountInputError({ path: 'peers', message: 'must be a list' });

  const seen = new Set<string>();
  const eligible = peers.flatMap((peer, i) => {
    const at = (field: string) => `peers[${i}].${field}`;
    if (typeof peer.enterpriseId !== 'string' || peer.enterpriseId.length === 0) throw new CarbonAccountInputError({ path: at('enterpriseId'), message: 'is required' });
    if (seen.has(peer.enterpriseId)) throw new CarbonAccountInputError({ path: at('enterpriseId'), message: `${peer.enterpriseId} appears twice` });
    seen.add(peer.enterpriseId);
    if (typeof peer.industryClass !== 'string' || !/^\d{4}$/.test(peer.industryClass)) {
      throw new CarbonAccountInputError({ path: at('industryClass'), message: 'must be a 4-digit GB/T 4754-2017 class' });
    }
    const emissions = parseDecimal(peer.emissionsTco2e, at('emissionsTco2e'));
    const valueAdded = parseDecimal(peer.valueAdded10kCny, at('valueAdded10kCny'));
    return peer.complete === true && valueAdded.greaterThan(0) ? [{ id: peer.enterpriseId, industryClass: peer.industryClass, emissions, valueAdded }] : [];
  });

  let divisionCount = 0;
  for (const { level, digits, zh } of levels) {
    const code = industryClass.slice(0, digits);
    const group = eligible.filter((p) => p.industryClass.startsWith(code));
    if (level === 'division') divisionCount = group.length;
    if (group.length < minPeers) continue;
    const emissions = group.reduce((sum, p) => sum.plus(p.emissions), ZERO);
    const valueAdded = group.reduce((sum, p) => sum.plus(p.valueAdded), ZERO);
    const peerIds = group.map((p) => p.id).sort();
    // Each counted peer has value added > 0, so Σ > 0; kept as a guard for the scheme's rule.
    if (!valueAdded.greaterThan(0)) {
      return {
        level: null,
        code: null,
        peerCount: group.length,
        averageIntensity: null,
        peerIds,
        reason: {
          zh: `同行业（${zh} ${named(code)}）增加值合计不大于零，行业强度对比法不适用。`,
          en: `The peer group (${level} ${code}) has total value added ≤ 0; the industry intensity method is not applicable.`,
        },
      };
    }
    const average = roundOut(emissions.dividedBy(valueAdded), 6);
    return {
      level,
      code,
      peerCount: group.length,
      averageIntensity: average,
      peerIds,
      reason: {
        zh: `按 GB/T 4754-2017 ${zh} ${named(code)} 的 ${group.length} 家数据完整企业计算行业平均碳排放强度 ${average} tCO2e/万元增加值（含本企业）。`,
        en: `Industry average ${average} tCO2e per 10^4 CNY value added over ${group.length} enterprises with complete data in GB/T 4754-2017 ${level} ${code} (the rated enterprise included).`,
      },
    };
  }
  return {
    level: null,
    code: null,
    peerCount: divisionCount,
    averageIntensity: null,
    peerIds: [],
    reason: {
      zh: `同行业（小类 ${named(industryClass)}、中类 ${named(industryClass.slice(0, 3))}、大类 ${named(industryClass.slice(0, 2))}）数据完整的企业均不足 ${minPeers} 家，行业强度对比法不适用。`,
      en: `Fewer than ${minPeers} enterprises with complete data in the class ${industryClass}, its group ${industryClass.slice(0, 3)} and its division ${industryClass.slice(0, 2)}; the industry intensity method is not applicable.`,
    },
  };
}

/**
 * An enterprise's account as a peer: complete only when every month of the period has figures
 * and value added (what the intensity needs).
 */
export function peerFiguresOf(options: { readonly enterpriseId: string; readonly industryClass: string; readonly account: AccountFigures }): PeerFigures {
  const { account } = options;
  return {
    enterpriseId: options.enterpriseId,
    industryClass: options.industryClass,
    emissionsTco2e: account.emissionsTco2e,
    valueAdded10kCny: account.valueAdded10kCny ?? '0',
    complete: account.completeness.complete && account.valueAdded10kCny !== null,
  };
}
