/**
 * The one error of the carbon-account calculations for bad input (a malformed decimal, a month
 * outside the period, a duplicate month, an unknown demo sector…). Missing data is never an error:
 * it shows as nulls, completeness figures and bilingual reasons. The API maps `INVALID_INPUT` to 400.
 */
export type CarbonAccountErrorCode = 'INVALID_INPUT';

export class CarbonAccountInputError extends Error {
  override readonly name = 'CarbonAccountInputError';
  readonly code: CarbonAccountErrorCode = 'INVALID_INPUT';
  /** The offending field, e.g. `months[3].scope1Tco2e`. */
  readonly path: string;

  constructor(options: { readonly path: string; readonly message: string }) {
    super(`${options.path}: ${options.message}`);
    this.path = options.path;
  }
}
