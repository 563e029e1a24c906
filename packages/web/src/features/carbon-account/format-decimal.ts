/**
 * Decimal strings from the API (tCO2e, tce, kWh, 万元) for display: rounded half away from zero
 * on the digits themselves (never through a float) and grouped by thousands.
 *
 * @example
 * formatDecimal('104037.6435', 2) // '104,037.64'
 * formatDecimal('0.4131447518750840167918918398012336531684', 4) // '0.4131'
 */
export function formatDecimal(text: string | null | undefined, places?: number): string {
  if (text === null || text === undefined || text === '') return '—';
  const match = /^(-?)(\d+)(?:\.(\d*))?$/.exec(text.trim());
  if (!match) return text;
  const [, sign, whole = '0', fraction = ''] = match;
  let intPart = whole;
  let fracPart = fraction;
  if (places !== undefined && fracPart.length > places) {
    const roundUp = fracPart.charCodeAt(places) >= 53; // '5'
    const digits = BigInt(`${intPart}${fracPart.slice(0, places)}`) + (roundUp ? 1n : 0n);
    const padded = digits.toString().padStart(places + 1, '0');
    intPart = padded.slice(0, padded.length - places);
    fracPart = padded.slice(padded.length - places);
  }
  const grouped = intPart.replace(/^0+(?=\d)/, '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const negative = sign === '-' && /[1-9]/.test(`${intPart}${fracPart}`);
  return `${negative ? '-' : ''}${grouped}${fracPart ? `.${fracPart}` : ''}`;
}

/** A change in percent (2 decimals at most) with its sign, e.g. '+3.00 %' or '-0.94 %'; '—' when not comparable. */
export function formatChangePercent(text: string | null | undefined): string {
  if (text === null || text === undefined || text === '') return '—';
  const formatted = formatDecimal(text, 2);
  return `${formatted.startsWith('-') ? '' : '+'}${formatted} %`;
}
