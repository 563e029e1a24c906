/**
 * Plausible monthly energy, production and economic data for the demo city's fictional
 * enterprises (all 示例), one enterprise-month at a time: activities in the shapes
 * `computeEmissions` accepts (8–14 lines: fuels, process, clinker, mass balance, direct CH4,
 * purchased, exported and green electricity, purchased heat), production with unit energy
 * consumption, output value, value added and purchased electricity.
 *
 * Deterministic: every random draw comes from a 32-bit FNV-1a hash of the enterprise id (and the
 * month) feeding a mulberry32 generator — no Math.random, no clock — and only + − × ÷ and toFixed
 * are used on the draws, so the same call gives the same strings on every platform.
 *
 * Shape of the data:
 * - size: each enterprise has a fixed size factor (0.6–1.6 × the sector's typical plant);
 * - seasonality: production follows a sector profile by calendar month (power peaks in winter and
 *   summer, PV in summer), and heating months (Nov–Mar in Jining) add boiler coal, gas and steam;
 * - efficiency position p (0 best … 1 worst): for the demo city's enterprises, spread evenly over
 *   each sector (order shuffled by hash), so every sector has leaders and laggards; for other ids,
 *   drawn from the hash. It sets the unit energy consumption and the carbon intensity relative
 *   to the sector (value added is derived from the month's emissions and a target intensity).
 * - labels: for sectors with a numeric product benchmark (coking coke_top_charging, methanol
 *   methanol_coal, chlor-alkali caustic_soda_30, cement cement_clinker) the unit energy consumption
 *   is placed in the 标杆/基准 band of the enterprise's position (green p < 0.2, yellow < 0.5,
 *   orange < 0.8, red otherwise) and the intensity is kept no worse than that band, so the product
 *   method decides the label; in the other sectors the intensity spread (K ≈ 0.5 … 2.5) decides it.
 *   Across the 66 demo enterprises a calendar year therefore gets all four colours.
 * - years: 2024 is the reference year; earlier years are slightly less efficient and produce a
 *   little less, and some enterprises stood a band worse (or better) before 2024 (`positionBefore`).
 *
 * @example demoMonthlyData({ enterpriseId: 'ent-006', sector: 'cement_clinker', month: '2024-03' }).production[0]?.benchmarkId === 'cement_clinker'
 */
import { computeEmissions } from '../accounting/calculate-emissions.ts';
import { demoOrganisations } from '../demo-city/organisations.ts';
import { accountingDefaults, shippedReferenceLibrary } from '../reference/reference-library.ts';
import { CarbonAccountInputError } from './carbon-account-error.ts';
import { demoIndustryClassOfSector, isPowerGeneration } from './industry-classes.ts';
import { parsePeriod, PeriodError } from './periods.ts';

export interface DemoProduction {
  readonly productId: string;
  readonly output: string;
  readonly unit: string;
  /** kgce per unit of output (the benchmark's unit for benchmarked products); null where not meaningful. */
  readonly unitEnergyConsumption: string | null;
  readonly benchmarkId: string | null;
}

/** An activity line in the shape `computeEmissions` accepts. */
export type DemoActivity = { readonly type: string } & Record<string, unknown>;

export interface DemoMonthlyData {
  /** Activity lines for `computeEmissions` (each with a Chinese `note`). */
  readonly activities: DemoActivity[];
  readonly production: DemoProduction[];
  /** 10^4 CNY, 4 decimals. */
  readonly outputValue10kCny: string;
  readonly valueAdded10kCny: string;
  /** Purchased (grid) electricity of the month, kWh, integer: what the utility's meter would show. */
  readonly electricityKwh: string;
}

// ---- deterministic randomness ----

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** mulberry32: a small 32-bit generator; returns draws in [0, 1). */
function generator(seedText: string): () => number {
  let state = fnv1a(seedText);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A draw in [centre − spread, centre + spread). */
function around(draw: () => number, centre: number, spread: number): number {
  return centre + spread * (2 * draw() - 1);
}

// ---- conversions, from the shipped reference values the engine uses ----

const library = shippedReferenceLibrary;
const factorSet = accountingDefaults.factorSet;
const gjPerTce = Number(library.findStandardCoalFactor('tce_definition').value.gjPerTce);
const kgcePerKwh = Number(library.findStandardCoalFactor('electricity_equivalent').value.kgcePerUnit);
/** kgce per MJ equals tce per GJ. */
const tcePerGjHeat = Number(library.findStandardCoalFactor('heat').value.kgcePerUnit);

function ncv(fuel: string): number {
  return Number(library.findFuel({ factorSet, fuel }).value.ncvGjPerUnit);
}

/** Heating season in Jining (central heating 15 Nov – 15 Mar): share of the month that is heated. */
const heatingShare: readonly number[] = [1, 1, 0.5, 0, 0, 0, 0, 0, 0, 0, 0.5, 1];

/** Activity lines and the energy (tce) they stand for, built from amounts of energy. */
class Lines {
  readonly activities: DemoActivity[] = [];
  /** tce of every line that counts in energyTce (feedstock excluded). */
  tce = 0;
  purchasedKwh = 0;

  /** A fuel in t (or 10^4 Nm3 for gases), from its energy in tce. */
  fuel(options: { fuel: string; tce: number; note: string; use?: 'feedstock' }): number {
    const gas = library.findFuel({ factorSet, fuel: options.fuel }).value.unit !== 't';
    const quantity = (options.tce * gjPerTce) / ncv(options.fuel);
    const text = quantity.toFixed(gas ? 4 : 3);
    this.activities.push({ type: 'fuel', fuel: options.fuel, quantity: text, unit: gas ? '10^4 Nm3' : 't', ...(options.use ? { use: options.use } : {}), note: options.note });
    if (options.use === undefined) this.tce += (Number(text) * ncv(options.fuel)) / gjPerTce;
    return Number(text);
  }

  electricity(options: { tce: number; note: string; green?: boolean }): void {
    const kwh = Math.round((options.tce * 1000) / kgcePerKwh);
    this.activities.push({ type: options.green ? 'electricity_green' : 'electricity_purchased', quantity: String(kwh), unit: 'kWh', note: options.note });
    this.tce += (kwh * kgcePerKwh) / 1000;
    if (!options.green) this.purchasedKwh += kwh;
  }

  heat(options: { tce: number; note: string }): void {
    const gj = (options.tce / tcePerGjHeat).toFixed(2);
    this.activities.push({ type: 'heat_purchased', quantity: gj, unit: 'GJ', note: options.note });
    this.tce += Number(gj) * tcePerGjHeat;
  }

  add(activity: DemoActivity): void {
    this.activities.push(activity);
  }
}

interface MonthContext {
  /** Output of the main product this month, in its unit. */
  readonly output: number;
  /** Target unit energy consumption of the main product, kgce per unit. */
  readonly uec: number;
  /** 0–1, share of the month in the heating season. */
  readonly heating: number;
  /** Efficiency position, 0 best … 1 worst. */
  readonly position: number;
  /** Enterprise size factor. */
  readonly size: number;
  /** Draws for this enterprise and month. */
  readonly draw: () => number;
  /** Draws fixed for this enterprise (same every month). */
  readonly fixed: () => number;
}

interface SectorProfile {
  readonly product: { readonly id: string; readonly unit: string; readonly benchmarkId: string | null };
  /** Output of a size-1 enterprise per year, in the product's unit. */
  readonly annualOutput: number;
  /** Unit energy consumption of the best and worst enterprise, kgce per unit; benchmarked sectors use the benchmark instead. */
  readonly uecRange: readonly [number, number];
  /** Whether a unit energy consumption is reported for the main product. */
  readonly reportsUec: boolean;
  /** Typical carbon intensity, tCO2e per 10^4 CNY value added (sets the value added). */
  readonly intensity: number;
  /** Value added ÷ output value. */
  readonly valueAddedShare: number;
  /** Production by calendar month, around 1. */
  readonly seasonality: readonly number[];
  readonly build: (ctx: MonthContext, lines: Lines) => DemoProduction[];
}

const flat: readonly number[] = [0.95, 0.85, 1, 1, 1.02, 1.02, 1, 1, 1.02, 1.02, 1.02, 1.05];

/** t, MWh: 3 decimals. */
const threeDecimals = (value: number): string => value.toFixed(3);

const sectorProfiles: Readonly<Record<string, SectorProfile>> = {
  coal_mining: {
    product: { id: 'raw_coal', unit: 't', benchmarkId: null },
    annualOutput: 3_000_000,
    uecRange: [5.5, 13],
    reportsUec: true,
    intensity: 3.5,
    valueAddedShare: 0.45,
    seasonality: flat,
    build: (ctx, lines) => {
      const e = (ctx.output * ctx.uec) / 1000;
      lines.electricity({ tce: e * 0.62 * 0.3, note: '主井提升' });
      lines.electricity({ tce: e * 0.62 * 0.35, note: '矿井通风' });
      lines.electricity({ tce: e * 0.62 * 0.15, note: '井下排水' });
      lines.electricity({ tce: e * 0.62 * 0.2, note: '地面生产系统及洗煤厂' });
      lines.fuel({ fuel: 'raw_coal', tce: e * 0.12 * (0.4 + 1.2 * ctx.heating), note: '供暖锅炉' });
      lines.fuel({ fuel: 'raw_coal', tce: e * 0.08 * (0.2 + 1.6 * ctx.heating), note: '井筒防冻热风炉' });
      lines.fuel({ fuel: 'diesel', tce: e * 0.08, note: '井下无轨胶轮车' });
      lines.fuel({ fuel: 'diesel', tce: e * 0.04, note: '地面运输车辆' });
      lines.fuel({ fuel: 'gasoline', tce: e * 0.02, note: '公务车辆' });
      // Ventilation air methane: 0.8–2.6 kg CH4 per t of coal, worse where drainage and use are poor.
      const ch4 = (ctx.output * (0.8 + 1.8 * ctx.position) * around(ctx.draw, 1, 0.05)) / 1000;
      lines.add({ type: 'direct_gas', gas: 'CH4', quantity: threeDecimals(ch4 * 0.6), unit: 't', note: '一号风井乏风瓦斯' });
      lines.add({ type: 'direct_gas', gas: 'CH4', quantity: threeDecimals(ch4 * 0.4), unit: 't', note: '二号风井乏风瓦斯' });
      lines.electricity({ tce: e * 0.004, note: '工业广场屋顶光伏自发自用', green: true });
      return [];
    },
  },
  coal_power: {
    product: { id: 'electricity_supplied', unit: 'MWh', benchmarkId: null },
    annualOutput: 2_700_000,
    uecRange: [285, 325],
    reportsUec: true,
    intensity: 80,
    valueAddedShare: 0.25,
    seasonality: [1.15, 1, 0.95, 0.85, 0.85, 0.95, 1.15, 1.15, 0.95, 0.85, 0.95, 1.15],
    build: (ctx, lines) => {
      // Supply coal consumption (供电煤耗) in kgce/MWh = gce/kWh.
      const coal = (ctx.output * ctx.uec) / 1000;
      const split = around(ctx.draw, 0.55, 0.05);
      const coal1 = lines.fuel({ fuel: 'bituminous_coal', tce: coal * split, note: '1号机组燃煤' });
      const coal2 = lines.fuel({ fuel: 'bituminous_coal', tce: coal * (1 - split), note: '2号机组燃煤' });
      lines.fuel({ fuel: 'fuel_oil', tce: around(ctx.draw, 60, 30) * ctx.size, note: '1号机组启停及助燃用油' });
      lines.fuel({ fuel: 'fuel_oil', tce: around(ctx.draw, 50, 30) * ctx.size, note: '2号机组启停及助燃用油' });
      lines.fuel({ fuel: 'diesel', tce: 25 * ctx.size * around(ctx.draw, 1, 0.2), note: '煤场机械' });
      // Wet limestone desulphurisation: about 2.2 t limestone per 100 t coal.
      lines.add({ type: 'process', material: 'limestone', quantity: threeDecimals(coal1 * 0.022 * around(ctx.draw, 1, 0.1)), unit: 't', note: '1号机组石灰石湿法脱硫' });
      lines.add({ type: 'process', material: 'limestone', quantity: threeDecimals(coal2 * 0.022 * around(ctx.draw, 1, 0.1)), unit: 't', note: '2号机组石灰石湿法脱硫' });
      lines.add({ type: 'electricity_exported', quantity: threeDecimals(ctx.output * split), unit: 'MWh', note: '1号机组上网电量' });
      lines.add({ type: 'electricity_exported', quantity: threeDecimals(ctx.output * (1 - split)), unit: 'MWh', note: '2号机组上网电量' });
      // MWh × kgce/kWh = tce.
      lines.electricity({ tce: around(ctx.draw, 400, 250) * ctx.size * kgcePerKwh, note: '停机备用下网电量' });
      return [];
    },
  },
  coking: {
    product: { id: 'coke', unit: 't', benchmarkId: 'coke_top_charging' },
    annualOutput: 1_000_000,
    uecRange: [0, 0],
    reportsUec: true,
    intensity: 10,
    valueAddedShare: 0.12,
    seasonality: flat,
    build: (ctx, lines) => {
      const e = (ctx.output * ctx.uec) / 1000;
      const coalPerCoke = 1.31 + 0.04 * ctx.position;
      const coal = ctx.output * coalPerCoke;
      lines.fuel({ fuel: 'washed_coal', tce: (coal * 0.52 * ncv('washed_coal')) / gjPerTce, note: '1号焦炉装炉洗精煤（原料）', use: 'feedstock' });
      lines.fuel({ fuel: 'washed_coal', tce: (coal * 0.48 * ncv('washed_coal')) / gjPerTce, note: '2号焦炉装炉洗精煤（原料）', use: 'feedstock' });
      // Carbon in: washed coal; out: coke, tar, crude benzene and all coke-oven gas produced
      // (~430 Nm3/t coke at ~0.46 kg/Nm3). The gas burnt on site is counted by its own fuel lines.
      lines.add({
        type: 'mass_balance',
        inputs: [{ quantity: threeDecimals(coal), unit: 't', carbonFraction: '0.78' }],
        outputs: [
          { quantity: threeDecimals(ctx.output), unit: 't', carbonFraction: '0.855' },
          { quantity: threeDecimals(ctx.output * 0.036), unit: 't', carbonFraction: '0.89' },
          { quantity: threeDecimals(ctx.output * 0.011), unit: 't', carbonFraction: '0.92' },
          { quantity: threeDecimals(ctx.output * 0.1978), unit: 't', carbonFraction: '0.531' },
        ],
        note: '炼焦碳平衡（洗精煤→焦炭、焦油、粗苯、焦炉煤气）',
      });
      lines.fuel({ fuel: 'coke_oven_gas', tce: e * 0.85 * 0.52, note: '1号焦炉加热用焦炉煤气' });
      lines.fuel({ fuel: 'coke_oven_gas', tce: e * 0.85 * 0.48, note: '2号焦炉加热用焦炉煤气' });
      lines.electricity({ tce: e * 0.11 * 0.6, note: '炼焦及干熄焦' });
      lines.electricity({ tce: e * 0.11 * 0.4, note: '煤气净化及化产回收' });
      lines.fuel({ fuel: 'diesel', tce: e * 0.02, note: '备煤及厂内运输' });
      lines.electricity({ tce: e * 0.02, note: '厂区分布式光伏', green: true });
      return [];
    },
  },
  methanol: {
    product: { id: 'methanol', unit: 't', benchmarkId: 'methanol_coal' },
    annualOutput: 600_000,
    uecRange: [0, 0],
    reportsUec: true,
    intensity: 70,
    valueAddedShare: 0.2,
    seasonality: flat,
    build: (ctx, lines) => {
      const e = (ctx.output * ctx.uec) / 1000;
      const feed1 = lines.fuel({ fuel: 'bituminous_coal', tce: e * 0.7 * 0.5, note: '1号气化炉原料煤', use: 'feedstock' });
      const feed2 = lines.fuel({ fuel: 'bituminous_coal', tce: e * 0.7 * 0.5, note: '2号气化炉原料煤', use: 'feedstock' });
      lines.add({
        type: 'mass_balance',
        inputs: [{ quantity: threeDecimals(feed1 + feed2), unit: 't', carbonFraction: '0.53' }],
        outputs: [{ quantity: threeDecimals(ctx.output), unit: 't', carbonFraction: '0.375' }],
        note: '煤气化—变换—合成碳平衡（原料煤→甲醇）',
      });
      lines.fuel({ fuel: 'bituminous_coal', tce: e * 0.25 * (0.55 + 0.1 * ctx.heating), note: '1号动力锅炉燃料煤' });
      lines.fuel({ fuel: 'bituminous_coal', tce: e * 0.25 * (0.45 + 0.1 * ctx.heating), note: '2号动力锅炉燃料煤' });
      lines.electricity({ tce: e * 0.04 * 0.5, note: '空分装置' });
      lines.electricity({ tce: e * 0.04 * 0.3, note: '合成气压缩机' });
      lines.electricity({ tce: e * 0.04 * 0.2, note: '公用工程及辅助' });
      lines.fuel({ fuel: 'diesel', tce: e * 0.004, note: '厂内运输' });
      lines.fuel({ fuel: 'natural_gas', tce: e * 0.006, note: '火炬长明灯及开工加热' });
      return [];
    },
  },
  chlor_alkali: {
    product: { id: 'caustic_soda_30', unit: 't', benchmarkId: 'caustic_soda_30' },
    annualOutput: 200_000,
    uecRange: [0, 0],
    reportsUec: true,
    intensity: 21,
    valueAddedShare: 0.25,
    seasonality: flat,
    build: (ctx, lines) => {
      const e = (ctx.output * ctx.uec) / 1000;
      lines.electricity({ tce: e * 0.88 * 0.4, note: '一期离子膜电解' });
      lines.electricity({ tce: e * 0.88 * 0.4, note: '二期离子膜电解' });
      lines.electricity({ tce: e * 0.88 * 0.1, note: '氯气液化及处理' });
      lines.electricity({ tce: e * 0.88 * 0.1, note: '盐水精制及公用工程' });
      lines.electricity({ tce: e * 0.02, note: '绿电交易电量', green: true });
      lines.heat({ tce: e * 0.08 * 0.6 * (0.85 + 0.3 * ctx.heating), note: '外购蒸汽（盐水加热）' });
      lines.heat({ tce: e * 0.08 * 0.4 * (0.85 + 0.3 * ctx.heating), note: '外购蒸汽（伴热及其他）' });
      lines.fuel({ fuel: 'natural_gas', tce: e * 0.02, note: '导热油炉' });
      return [{ productId: 'liquid_chlorine', output: threeDecimals(ctx.output * 0.886), unit: 't', unitEnergyConsumption: null, benchmarkId: null }];
    },
  },
  cement_clinker: {
    product: { id: 'clinker', unit: 't', benchmarkId: 'cement_clinker' },
    annualOutput: 1_500_000,
    uecRange: [0, 0],
    reportsUec: true,
    intensity: 65,
    valueAddedShare: 0.3,
    // Construction slows in deep winter and the Spring Festival; kilns stop for peak-shifting.
    seasonality: [0.75, 0.55, 1.05, 1.12, 1.12, 1.05, 0.95, 0.95, 1.1, 1.15, 1.12, 0.9],
    build: (ctx, lines) => {
      const e = (ctx.output * ctx.uec) / 1000;
      const split = around(ctx.fixed, 0.55, 0.05);
      const cao = around(ctx.fixed, 0.652, 0.008).toFixed(4);
      const mgo = around(ctx.fixed, 0.02, 0.005).toFixed(4);
      lines.add({ type: 'clinker', quantity: threeDecimals(ctx.output * split), unit: 't', caoFraction: cao, mgoFraction: mgo, note: '1号窑熟料' });
      lines.add({ type: 'clinker', quantity: threeDecimals(ctx.output * (1 - split)), unit: 't', caoFraction: cao, mgoFraction: mgo, note: '2号窑熟料' });
      lines.fuel({ fuel: 'bituminous_coal', tce: e * 0.91 * split, note: '1号窑用煤（窑头及分解炉）' });
      lines.fuel({ fuel: 'bituminous_coal', tce: e * 0.91 * (1 - split), note: '2号窑用煤（窑头及分解炉）' });
      lines.electricity({ tce: e * 0.09 * 0.45, note: '生料制备' });
      lines.electricity({ tce: e * 0.09 * 0.55, note: '熟料烧成' });
      const cement = ctx.output * 1.25;
      lines.electricity({ tce: (cement * 34 * kgcePerKwh) / 1_000_000, note: '水泥粉磨（不计入熟料能耗）' });
      lines.fuel({ fuel: 'diesel', tce: (ctx.output * 0.55) / 1000, note: '石灰石矿山开采运输' });
      lines.electricity({ tce: (ctx.output * 0.4) / 1000, note: '厂区屋顶光伏', green: true });
      return [{ productId: 'cement', output: threeDecimals(cement), unit: 't', unitEnergyConsumption: null, benchmarkId: null }];
    },
  },
  paper: {
    product: { id: 'paper_and_board', unit: 't', benchmarkId: null },
    annualOutput: 300_000,
    uecRange: [320, 480],
    reportsUec: true,
    intensity: 9,
    valueAddedShare: 0.2,
    seasonality: [0.95, 0.8, 1, 1.02, 1.02, 1, 0.98, 0.98, 1.05, 1.05, 1.07, 1.08],
    build: (ctx, lines) => {
      const e = (ctx.output * ctx.uec) / 1000;
      lines.fuel({ fuel: 'bituminous_coal', tce: e * 0.5 * 0.6 * (0.9 + 0.2 * ctx.heating), note: '1号热电锅炉' });
      lines.fuel({ fuel: 'bituminous_coal', tce: e * 0.5 * 0.4 * (0.9 + 0.2 * ctx.heating), note: '2号热电锅炉' });
      lines.heat({ tce: e * 0.18, note: '园区集中供热蒸汽' });
      lines.electricity({ tce: e * 0.28 * 0.25, note: '制浆车间' });
      lines.electricity({ tce: e * 0.28 * 0.35, note: 'PM1 纸机' });
      lines.electricity({ tce: e * 0.28 * 0.3, note: 'PM2 纸机' });
      lines.electricity({ tce: e * 0.28 * 0.1, note: '污水处理站' });
      lines.fuel({ fuel: 'natural_gas', tce: e * 0.03, note: '涂布烘干' });
      lines.fuel({ fuel: 'diesel', tce: e * 0.01, note: '叉车及厂内运输' });
      return [];
    },
  },
  tyres: {
    product: { id: 'radial_tyres', unit: 't', benchmarkId: null },
    annualOutput: 60_000,
    uecRange: [300, 460],
    reportsUec: true,
    intensity: 2.8,
    valueAddedShare: 0.2,
    seasonality: flat,
    build: (ctx, lines) => {
      const e = (ctx.output * ctx.uec) / 1000;
      lines.electricity({ tce: e * 0.52 * 0.35, note: '密炼车间' });
      lines.electricity({ tce: e * 0.52 * 0.2, note: '压延及挤出' });
      lines.electricity({ tce: e * 0.52 * 0.15, note: '成型车间' });
      lines.electricity({ tce: e * 0.52 * 0.3, note: '硫化及动力' });
      lines.fuel({ fuel: 'natural_gas', tce: e * 0.38 * 0.8, note: '硫化蒸汽锅炉' });
      lines.fuel({ fuel: 'natural_gas', tce: e * 0.38 * 0.2 * (0.3 + 1.4 * ctx.heating), note: '厂房供暖' });
      lines.electricity({ tce: e * 0.06, note: '屋顶光伏及绿电交易', green: true });
      lines.fuel({ fuel: 'diesel', tce: e * 0.01, note: '叉车' });
      lines.fuel({ fuel: 'lpg', tce: e * 0.005, note: '食堂' });
      return [];
    },
  },
  construction_machinery: {
    product: { id: 'excavators', unit: 'unit', benchmarkId: null },
    annualOutput: 3600,
    uecRange: [1400, 3200],
    reportsUec: false,
    intensity: 0.6,
    valueAddedShare: 0.25,
    seasonality: [0.9, 0.7, 1.25, 1.2, 1.05, 0.95, 0.9, 0.85, 1, 1.05, 1.05, 1.1],
    build: (ctx, lines) => {
      const e = (ctx.output * ctx.uec) / 1000;
      lines.electricity({ tce: e * 0.62 * 0.3, note: '结构件焊接' });
      lines.electricity({ tce: e * 0.62 * 0.3, note: '机加工' });
      lines.electricity({ tce: e * 0.62 * 0.2, note: '涂装线' });
      lines.electricity({ tce: e * 0.62 * 0.2, note: '总装及调试' });
      lines.fuel({ fuel: 'natural_gas', tce: e * 0.24 * 0.6, note: '涂装烘干炉' });
      lines.fuel({ fuel: 'natural_gas', tce: e * 0.24 * 0.4, note: '热处理炉' });
      lines.fuel({ fuel: 'natural_gas', tce: e * 0.06 * ctx.heating, note: '厂房供暖' });
      lines.fuel({ fuel: 'diesel', tce: e * 0.06, note: '整机试车' });
      lines.electricity({ tce: e * 0.08, note: '厂房屋顶光伏', green: true });
      return [];
    },
  },
  textiles: {
    product: { id: 'cotton_yarn', unit: 't', benchmarkId: null },
    annualOutput: 30_000,
    uecRange: [420, 700],
    reportsUec: true,
    intensity: 5,
    valueAddedShare: 0.2,
    seasonality: [0.95, 0.75, 1.05, 1.05, 1.02, 1, 0.98, 0.98, 1.05, 1.05, 1.06, 1.06],
    build: (ctx, lines) => {
      const e = (ctx.output * ctx.uec) / 1000;
      lines.electricity({ tce: e * 0.78 * 0.45, note: '细纱车间' });
      lines.electricity({ tce: e * 0.78 * 0.15, note: '络筒车间' });
      lines.electricity({ tce: e * 0.78 * 0.3, note: '空调及加湿' });
      lines.electricity({ tce: e * 0.78 * 0.1, note: '空压及辅助' });
      lines.electricity({ tce: e * 0.06, note: '屋顶光伏', green: true });
      lines.fuel({ fuel: 'natural_gas', tce: e * 0.1 * (0.2 + 1.6 * ctx.heating), note: '车间供暖' });
      lines.heat({ tce: e * 0.06, note: '外购蒸汽（加湿）' });
      lines.fuel({ fuel: 'diesel', tce: e * 0.005, note: '厂内运输' });
      return [];
    },
  },
  new_energy: {
    product: { id: 'pv_generation', unit: 'MWh', benchmarkId: null },
    annualOutput: 100_000,
    uecRange: [0, 0],
    reportsUec: false,
    intensity: 0.12,
    valueAddedShare: 0.7,
    seasonality: [0.7, 0.8, 0.95, 1.05, 1.15, 1.1, 1.05, 1.05, 1, 0.95, 0.8, 0.7],
    build: (ctx, lines) => {
      // Station service: own PV during the day (green), grid power at night, more in worse plants.
      const own = ctx.output * 0.012;
      lines.electricity({ tce: own * 0.4 * kgcePerKwh, note: '一区逆变器及箱变自用电', green: true });
      lines.electricity({ tce: own * 0.35 * kgcePerKwh, note: '二区逆变器及箱变自用电', green: true });
      lines.electricity({ tce: own * 0.25 * kgcePerKwh, note: '升压站自用电', green: true });
      const night = ctx.output * (0.0015 + 0.003 * ctx.position);
      lines.electricity({ tce: night * 0.7 * kgcePerKwh, note: '夜间站用电（下网）' });
      lines.electricity({ tce: night * 0.3 * kgcePerKwh, note: '综合楼及运维中心' });
      lines.fuel({ fuel: 'diesel', tce: 3.5 * ctx.size * around(ctx.draw, 1, 0.15), note: '运维车辆' });
      lines.fuel({ fuel: 'gasoline', tce: 1.2 * ctx.size * around(ctx.draw, 1, 0.15), note: '巡检车辆' });
      lines.fuel({ fuel: 'lpg', tce: 0.4 * ctx.size * around(ctx.draw, 1, 0.15), note: '食堂' });
      return [];
    },
  },
};

/** Sectors `demoMonthlyData` knows: the demo city's sectors. */
export const demoDataSectors: readonly string[] = Object.keys(sectorProfiles);

/** Label band of a position for benchmarked sectors, with its place in 标杆…基准 units and its intensity multiplier. */
const bands = [
  { below: 0.2, place: -0.2, multiplier: 0.62 },
  { below: 0.5, place: 0.25, multiplier: 0.95 },
  { below: 0.8, place: 0.75, multiplier: 1.2 },
  { below: Infinity, place: 1.3, multiplier: 1.45 },
] as const;

let demoEnterprisesBySector: Map<string, string[]> | undefined;

/** The efficiency position: the demo city's enterprises are spread evenly over their sector. */
/**
 * The featured demo enterprise (ent-001, enterprise1's login) takes ent-012's place in the coal
 * mines' order and ent-012 takes its own: enterprise1 is then an orange mine with a path to
 * yellow to explore (情景模拟), instead of a green one. The sector keeps its spread of colours.
 */
const positionSwaps: Readonly<Record<string, string>> = { 'ent-001': 'ent-012', 'ent-012': 'ent-001' };

function positionOf(enterpriseId: string, sector: string): number {
  if (demoEnterprisesBySector === undefined) {
    const bySector = new Map<string, string[]>();
    for (const o of demoOrganisations()) {
      if (o.type !== 'enterprise' || o.sector === null) continue;
      bySector.set(o.sector, [...(bySector.get(o.sector) ?? []), o.id]);
    }
    demoEnterprisesBySector = bySector;
  }
  const ids = demoEnterprisesBySector.get(sector) ?? [];
  if (!ids.includes(enterpriseId)) return generator(`${enterpriseId}|position`)();
  const order = [...ids].sort((a, b) => fnv1a(`${a}|position`) - fnv1a(`${b}|position`) || (a < b ? -1 : 1));
  return (order.indexOf(positionSwaps[enterpriseId] ?? enterpriseId) + 0.5) / ids.length;
}

/**
 * Earlier years are not 2024 with every enterprise in the same place: about a quarter of the
 * enterprises were a band worse before 2024 (they improved) and about one in ten a band better
 * (they slipped), so year-on-year colour changes and their counts show in the dashboards.
 */
function positionBefore(enterpriseId: string, position: number, yearsBefore2024: number): number {
  if (yearsBefore2024 <= 0) return position;
  const drift = generator(`${enterpriseId}|drift`)();
  if (drift < 0.25) return Math.min(0.99, position + 0.3);
  if (drift > 0.9) return Math.max(0.01, position - 0.3);
  return position;
}

/**
 * One enterprise-month of demo data; see the module comment. Throws CarbonAccountInputError for an
 * unknown sector or a month that is not YYYY-MM.
 */
export function demoMonthlyData(options: { readonly enterpriseId: string; readonly sector: string; readonly month: string }): DemoMonthlyData {
  const { enterpriseId, sector, month } = options;
  const profile = Object.hasOwn(sectorProfiles, sector) ? sectorProfiles[sector] : undefined;
  if (profile === undefined) throw new CarbonAccountInputError({ path: 'sector', message: `unknown demo sector ${JSON.stringify(sector)}` });
  const industryClass = demoIndustryClassOfSector(sector);
  if (typeof enterpriseId !== 'string' || enterpriseId.length === 0) throw new CarbonAccountInputError({ path: 'enterpriseId', message: 'is required' });
  try {
    if (parsePeriod(month).type !== 'month') throw new CarbonAccountInputError({ path: 'month', message: `expected YYYY-MM, got ${JSON.stringify(month)}` });
  } catch (error) {
    if (error instanceof PeriodError) throw new CarbonAccountInputError({ path: 'month', message: error.message });
    throw error;
  }
  const year = Number(month.slice(0, 4));
  const calendarMonth = Number(month.slice(5, 7));
  const yearsBefore2024 = 2024 - year;

  const fixed = generator(`${enterpriseId}|${sector}|profile`);
  const draw = generator(`${enterpriseId}|${sector}|${month}`);
  const size = 0.6 + fixed();
  const position = positionBefore(enterpriseId, positionOf(enterpriseId, sector), yearsBefore2024);

  // Unit energy consumption (kgce per unit) and the intensity multiplier relative to the sector.
  let uec: number;
  let multiplier: number;
  const benchmark = profile.product.benchmarkId === null ? null : library.findEnergyBenchmark(profile.product.benchmarkId).value;
  if (benchmark !== null) {
    const best = Number(benchmark.benchmark);
    const base = Number(benchmark.base);
    const band = bands.find((b) => position < b.below) ?? bands[3];
    // Place within the band (±0.08 per enterprise, ±0.05 per month), in units of 基准 − 标杆.
    const place = band.place + around(fixed, 0, 0.08) + around(draw, 0, 0.05) + 0.04 * yearsBefore2024;
    uec = best + place * (base - best);
    multiplier = band.multiplier + around(fixed, 0, 0.03);
  } else {
    const [best, worst] = profile.uecRange;
    uec = (best + (worst - best) * position) * around(draw, 1, 0.02) * (1 + 0.015 * yearsBefore2024);
    multiplier = 0.45 + 0.4 * position + 1.8 * position * position;
  }

  const seasonal = profile.seasonality[calendarMonth - 1] ?? 1;
  const output = (profile.annualOutput / 12) * size * seasonal * around(draw, 1, 0.04) * (1 - 0.03 * yearsBefore2024);
  const outputText = profile.product.unit === 'unit' ? String(Math.round(output)) : threeDecimals(output);
  const lines = new Lines();
  const ctx: MonthContext = { output: Number(outputText), uec, heating: heatingShare[calendarMonth - 1] ?? 0, position, size, draw, fixed };
  const others = profile.build(ctx, lines);

  // Benchmarked products report the value measured within the standard's boundary (the target);
  // the others report site energy ÷ output as their plants do.
  const reportedUec = !profile.reportsUec ? null : benchmark !== null ? uec.toFixed(2) : ((lines.tce * 1000) / ctx.output).toFixed(2);
  const production: DemoProduction[] = [
    { productId: profile.product.id, output: outputText, unit: profile.product.unit, unitEnergyConsumption: reportedUec, benchmarkId: profile.product.benchmarkId },
    ...others,
  ];

  // Value added follows from the month's emissions and the enterprise's intensity target.
  const exact = computeEmissions({ activities: lines.activities });
  const gross = exact.scope1Tco2e.plus(exact.scope2Tco2e);
  const emissions = isPowerGeneration(industryClass) ? gross : gross.minus(exact.exportedTco2e);
  const valueAdded = (emissions.toNumber() / (profile.intensity * multiplier)) * around(draw, 1, 0.03);
  const outputValue = (valueAdded / profile.valueAddedShare) * around(draw, 1, 0.02);

  return {
    activities: lines.activities,
    production,
    outputValue10kCny: outputValue.toFixed(4),
    valueAdded10kCny: valueAdded.toFixed(4),
    electricityKwh: String(lines.purchasedKwh),
  };
}
