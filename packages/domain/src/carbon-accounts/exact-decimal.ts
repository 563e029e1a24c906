/**
 * Exact decimals for the carbon-account calculations (module-internal, not exported from the
 * package). Inputs are plain decimal strings of at most 18 integer and 60 fraction digits — the
 * accounting engine's unrounded figures carry up to 40 significant digits after its divisions — so
 * every sum of them spans at most 78 digits and is exact at the 100 significant digits used here.
 * Divisions come last and rounding (half away from zero) happens only when a figure is output.
 */
import { Decimal as DecimalBase } from 'decimal.js';
import { CarbonAccountInputError } from './carbon-account-error.ts';

export const ExactDecimal = DecimalBase.clone({ precision: 100, rounding: DecimalBase.ROUND_HALF_UP });
export type ExactDecimal = InstanceType<typeof ExactDecimal>;

export const ZERO = new ExactDecimal(0);

const PLAIN_DECIMAL = /^-?(\d{1,18})(\.\d{1,60})?$/;

/** Parses a plain decimal string ("12.5", "-3"); throws CarbonAccountInputError naming `path`. */
export function parseDecimal(value: unknown, path: string, options: { readonly nonNegative?: boolean } = {}): ExactDecimal {
  if (typeof value !== 'string' || !PLAIN_DECIMAL.test(value)) {
    throw new CarbonAccountInputError({ path, message: `must be a plain decimal string (at most 18 integer and 60 fraction digits), got ${JSON.stringify(value)}` });
  }
  const parsed = new ExactDecimal(value);
  if (options.nonNegative === true && parsed.isNegative() && !parsed.isZero()) {
    throw new CarbonAccountInputError({ path, message: `must not be negative, got ${value}` });
  }
  return parsed;
}

/** Rounds half away from zero to `places` decimals; never prints a negative zero. */
export function roundOut(value: ExactDecimal, places: number): string {
  const text = value.toDecimalPlaces(places, ExactDecimal.ROUND_HALF_UP).toFixed(places);
  return /^-0(\.0+)?$/.test(text) ? text.slice(1) : text;
}
