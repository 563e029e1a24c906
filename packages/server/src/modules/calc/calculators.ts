/**
 * The calculator family: pure domain calculations behind one contract each, reachable as
 * `POST /api/v1/calc/{name}` and as `cfp calc <name>`. Later modules register theirs here
 * (emissions, label, loan-price…); both the API and the CLI validate with the same schema and
 * answer invalid input with the same error envelope.
 */
import { z } from '@hono/zod-openapi';
import { isValidUscc, usccCharset, usccCheckCharacter } from '@cfp/domain';

export interface Calculator<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  name: string;
  summary: string;
  input: I;
  output: O;
  run(input: z.infer<I>): z.infer<O>;
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

export function findCalculator(name: string): Calculator | undefined {
  return calculators.find((c) => c.name === name);
}
