/**
 * The calculator family: pure domain calculations behind one contract each, reachable as
 * `POST /api/v1/calc/{name}` and as `cfp calc <name>`. Later modules register theirs here
 * (emissions, label, loan-price…); both the API and the CLI validate with the same schema and
 * answer invalid input with the same error envelope.
 */
import { z } from '@hono/zod-openapi';
import {
  AccountingInputError,
  calculateEmissions,
  decideLabel,
  isValidUscc,
  LabelError,
  usccCharset,
  usccCheckCharacter,
  type EmissionsRequest,
  type LabelRequest,
  type ReferenceLibrary,
} from '@cfp/domain';
import { AppError } from '../../http/app-error.ts';

export interface Calculator<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  name: string;
  summary: string;
  input: I;
  output: O;
  /** `library`: the factor versions to use — published in the database (API) or as shipped (CLI). */
  run(input: z.infer<I>, context: CalculatorContext): z.infer<O>;
}

export interface CalculatorContext {
  library: ReferenceLibrary;
}

const define = <I extends z.ZodType, O extends z.ZodType>(c: Calculator<I, O>): Calculator => c as unknown as Calculator;

const usccInput = z.strictObject({ code: z.string().min(17).max(18).openapi({ example: '91370883MA3C00001W' }) }).openapi('UsccCheckInput');
const usccOutput = z
  .object({
    code: z.string(),
    valid: z.boolean(),
    expectedCheckCharacter: z
      .string()
      .nullable()
      .openapi({ description: 'The check character the first 17 characters call for; null when they contain characters outside the GB 32100 charset.' }),
    reason: z.string().nullable(),
  })
  .openapi('UsccCheckResult');

export const calculators: Calculator[] = [
  define({
    name: 'uscc',
    summary: 'Check a unified social credit code (统一社会信用代码, GB 32100-2015) or compute its check character from the first 17',
    input: usccInput,
    output: usccOutput,
    run: ({ code }) => {
      const body = code.toUpperCase().slice(0, 17);
      const badChar = [...body].find((ch) => !usccCharset.includes(ch));
      const expected = badChar === undefined ? usccCheckCharacter(body) : null;
      const reason =
        badChar !== undefined
          ? `character ${badChar} is not used in the code`
          : code.length === 17
            ? 'only 17 characters: append the check character'
            : isValidUscc(code.toUpperCase())
              ? null
              : `the check character should be ${expected}`;
      return { code, valid: code.length === 18 && reason === null, expectedCheckCharacter: expected, reason };
    },
  }),
];

/** A factor reference: `id` or `id@version`. */
const factorRef = z
  .string()
  .regex(/^[a-z0-9_]{1,64}(@[1-9][0-9]{0,5})?$/, 'a factor id, optionally with @version')
  .optional();
const decimalText = z.string().max(64);

const emissionsInput = z
  .strictObject({
    factorSet: factorRef.openapi({ description: 'Fuel factor set, default cn_industry_other_2015; pin a version with @n.' }),
    electricityFactor: factorRef.openapi({ description: 'Grid factor, default cn_shandong_2022.' }),
    heatFactor: factorRef.openapi({ description: 'Heat factor, default cn_heat_default.' }),
    gwpSet: factorRef.openapi({ description: 'GWP set, default ipcc_sar.' }),
    activities: z
      .array(z.looseObject({ type: z.string().max(40) }))
      .min(1)
      .max(10_000)
      .openapi({ description: 'fuel, process, clinker, mass_balance, direct_gas, electricity_purchased / _exported / _green, heat_purchased / _exported; see the worked cases.' }),
  })
  .openapi('EmissionsRequest');
const emissionsOutput = z
  .looseObject({
    scope1Tco2e: decimalText,
    scope2Tco2e: decimalText,
    exportedTco2e: decimalText,
    grossTco2e: decimalText,
    netTco2e: decimalText,
    energyTce: decimalText,
    feedstockTce: decimalText,
    nonFossilElectricityMwh: decimalText,
    lines: z.array(z.looseObject({ index: z.number().int(), tco2e: decimalText, tce: decimalText, factorIds: z.array(z.string()) })),
    provisional: z.boolean(),
    warnings: z.array(z.unknown()),
  })
  .openapi('EmissionsResult');

const labelInput = z
  .strictObject({
    productBenchmark: z
      .strictObject({ benchmarkId: z.string().max(74).openapi({ description: 'A benchmark id of energy-benchmarks, optionally pinned: cement_clinker@1.' }), value: decimalText })
      .optional(),
    intensityRatio: z.strictObject({ enterpriseIntensity: decimalText, industryAverageIntensity: decimalText }).optional(),
  })
  .openapi('LabelRequest');
const labelOutput = z
  .looseObject({
    colour: z.enum(['green', 'yellow', 'orange', 'red']),
    provisional: z.boolean(),
    schemeRef: z.string(),
    methods: z.array(z.looseObject({ method: z.string(), applicable: z.boolean() })),
  })
  .openapi('LabelResult');

calculators.push(
  define({
    name: 'emissions',
    summary: 'GHG accounting (GB/T 32150 family): scope 1, scope 2, exports, comprehensive energy in tce — every line with its factor ids',
    input: emissionsInput,
    output: emissionsOutput,
    run: (input, { library }) => {
      try {
        return calculateEmissions(input as unknown as EmissionsRequest, library) as unknown as z.infer<typeof emissionsOutput>;
      } catch (error) {
        if (error instanceof AccountingInputError) {
          throw new AppError('VALIDATION_FAILED', {
            fields: [{ path: error.index === null ? 'activities' : `activities.${error.index}`, code: error.code, message: error.message }],
          });
        }
        throw error;
      }
    },
  }),
  define({
    name: 'label',
    summary: 'Four-colour energy-efficiency label (能效碳耗标识) by the default scheme jining_default_four_colour@2',
    input: labelInput,
    output: labelOutput,
    run: (input, { library }) => {
      try {
        return decideLabel(input as LabelRequest, { library }) as unknown as z.infer<typeof labelOutput>;
      } catch (error) {
        if (error instanceof LabelError) {
          const details = {
            ...(error.path ? { fields: [{ path: error.path, message: error.message }] } : { message: error.message }),
            ...(error.methods ? { methods: error.methods } : {}),
          };
          throw new AppError(error.code, details);
        }
        throw error;
      }
    },
  }),
);

export function findCalculator(name: string): Calculator | undefined {
  return calculators.find((c) => c.name === name);
}
