/**
 * `domain.emissions`: activities per second through the accounting engine (exact 40-digit
 * decimals, factor lookups, provisional flags, per-line rounding), in this process. Baseline
 * `decimal-floor`: the same activities multiplied out with decimal.js alone (40 digits, one combined
 * factor per kind) — the cost of exact arithmetic without validation, factor lookups or the
 * explanation of each line. The ratio is the share of that speed the engine keeps.
 */
import { calculateEmissions, type EmissionsRequest } from '../../packages/domain/src/index.ts';
import { Decimal } from 'decimal.js';
import type { Measurement } from './figures.ts';

/** A mixed request like an enterprise's monthly data: fuels, electricity, heat, process, clinker. */
function sampleActivities(count: number): EmissionsRequest['activities'] {
  const kinds: Array<EmissionsRequest['activities'][number]> = [
    { type: 'fuel', fuel: 'bituminous_coal', quantity: '1000.5', unit: 't' },
    { type: 'fuel', fuel: 'natural_gas', quantity: '12.75', unit: '10^4 Nm3' },
    { type: 'electricity_purchased', quantity: '5000', unit: 'MWh' },
    { type: 'heat_purchased', quantity: '1200', unit: 'GJ' },
    { type: 'clinker', quantity: '100000', caoFraction: '0.65', mgoFraction: '0.02' },
  ] as unknown as Array<EmissionsRequest['activities'][number]>;
  return Array.from({ length: count }, (_, i) => kinds[i % kinds.length]!);
}

function perSecond(run: () => void, activitiesPerRun: number, seconds: number): number {
  run(); // warm-up: JIT and the factor tables
  const started = performance.now();
  let runs = 0;
  while (performance.now() - started < seconds * 1000) {
    run();
    runs += 1;
  }
  return (runs * activitiesPerRun) / ((performance.now() - started) / 1000);
}

export function measureDomainEmissions(options: { seconds: number }): Measurement[] {
  const activities = sampleActivities(1000);
  const exact = perSecond(() => calculateEmissions({ activities }), activities.length, options.seconds);
  // The decimal floor: tCO2 = quantity × one combined factor per kind (taken from an exact result).
  const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
  const lines = calculateEmissions({ activities: activities.slice(0, 5) }).lines;
  const factors = lines.map((l, i) => new D(l.tco2e).div((activities[i] as { quantity: string }).quantity));
  const quantities = activities.map((a) => (a as { quantity: string }).quantity);
  let sink = new D(0);
  const floor = perSecond(
    () => {
      let total = new D(0);
      for (let i = 0; i < quantities.length; i++) total = total.plus(new D(quantities[i]!).times(factors[i % 5]!));
      sink = total.toDecimalPlaces(3);
    },
    quantities.length,
    options.seconds,
  );
  if (!sink.isFinite()) throw new Error('decimal floor went wrong');
  return [{ bench: 'domain.emissions', metric: 'activities_per_second', unit: 'activities/s', value: exact, baseline: 'decimal-floor', baselineValue: floor }];
}
