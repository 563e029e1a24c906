/** One measured figure, printed as one JSON line on stdout, always with the baseline it is divided by. */

export interface Figure {
  bench: string;
  metric: string;
  value: number;
  unit: string;
  /** What the value is compared with: another process or another benchmark of the same run. */
  baseline: string;
  baselineValue: number;
  /** value ÷ baselineValue (null when the baseline is 0). */
  ratio: number | null;
  at: string;
  node: string;
  database: 'pglite' | 'postgres';
}

export interface Measurement {
  bench: string;
  metric: string;
  unit: string;
  value: number;
  baseline: string;
  baselineValue: number;
}

/** Decimals kept per unit: enough to compare runs, not more than the measurement can tell. */
const decimals: Record<string, number> = { 'req/s': 1, ms: 3, MiB: 1, s: 3, 'activities/s': 0, 'enterprise-months/s': 0 };

export function toFigure(m: Measurement, database: Figure['database']): Figure {
  const digits = decimals[m.unit] ?? 3;
  return {
    bench: m.bench,
    metric: m.metric,
    value: round(m.value, digits),
    unit: m.unit,
    baseline: m.baseline,
    baselineValue: round(m.baselineValue, digits),
    ratio: m.baselineValue > 0 ? round(m.value / m.baselineValue, 3) : null,
    at: new Date().toISOString(),
    node: process.version,
    database,
  };
}

export function printFigure(figure: Figure): void {
  process.stdout.write(`${JSON.stringify(figure)}\n`);
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
