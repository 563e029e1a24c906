/** `cfp calc <name> [file|-]`: runs a calculator on JSON input, prints only the JSON result. */
import { shippedReferenceLibrary } from '@cfp/domain';
import { calculators, findCalculator, validationDetails } from '@cfp/server';
import { type Io, printEnvelope, printJson } from '../io.ts';

export function calcCommand(io: Io, args: string[]): number {
  const [name, source = '-'] = args;
  if (!name) {
    io.err('usage: cfp calc <name> [file|-]\ncalculators:');
    for (const c of calculators) io.err(`  ${c.name.padEnd(24)} ${c.summary}`);
    return 1;
  }
  const calculator = findCalculator(name);
  if (!calculator) {
    io.err(`unknown calculator ${name}; known: ${calculators.map((c) => c.name).join(', ')}`);
    return printEnvelope(io, 'ROUTE_NOT_FOUND', { calculator: name });
  }
  let input: unknown;
  try {
    input = JSON.parse(io.readInput(source));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code) {
      io.err(`cannot read ${source}: ${(error as Error).message}`);
      return 1;
    }
    return printEnvelope(io, 'MALFORMED_JSON');
  }
  const parsed = calculator.input.safeParse(input);
  if (!parsed.success) return printEnvelope(io, 'VALIDATION_FAILED', validationDetails(parsed.error));
  printJson(io, calculator.run(parsed.data, { library: shippedReferenceLibrary }));
  return 0;
}
