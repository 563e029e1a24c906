/**
 * `cfp calc <name> [--jsonl] [file|-]`: runs a calculator on JSON input, prints only the JSON
 * result. With --jsonl every input line is one request and every output line its result or error
 * envelope (a bank's batch in one process); the exit code is 2 when any line failed.
 */
import { shippedReferenceLibrary } from '@cfp/domain';
import type { ErrorCode } from '@cfp/contracts';
import { AppError, calculators, envelope, findCalculator, validationDetails, type Calculator } from '@cfp/server';
import { randomUUID } from 'node:crypto';
import { type Io, printEnvelope, printJson } from '../io.ts';

type Outcome = { ok: true; result: unknown } | { ok: false; code: ErrorCode; details?: unknown };

function run(calculator: Calculator, text: string): Outcome {
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch {
    return { ok: false, code: 'MALFORMED_JSON' };
  }
  const parsed = calculator.input.safeParse(input);
  if (!parsed.success) return { ok: false, code: 'VALIDATION_FAILED', details: validationDetails(parsed.error) };
  try {
    return { ok: true, result: calculator.run(parsed.data, { library: shippedReferenceLibrary }) };
  } catch (error) {
    // The engines' refusals (an unknown factor, a label without a method) are the request's answer.
    if (error instanceof AppError) return { ok: false, code: error.code, details: error.details };
    throw error;
  }
}

export function calcCommand(io: Io, args: string[], options: { jsonl?: boolean } = {}): number {
  const jsonl = options.jsonl === true;
  const [name, source = '-', ...extra] = args;
  if (!name || extra.length) {
    io.err('usage: cfp calc <name> [--jsonl] [file|-]\ncalculators:');
    for (const c of calculators) io.err(`  ${c.name.padEnd(24)} ${c.summary}`);
    return 1;
  }
  const calculator = findCalculator(name);
  if (!calculator) {
    io.err(`unknown calculator ${name}; known: ${calculators.map((c) => c.name).join(', ')}`);
    return printEnvelope(io, 'ROUTE_NOT_FOUND', { calculator: name });
  }
  let text: string;
  try {
    text = io.readInput(source);
  } catch (error) {
    io.err(`cannot read ${source}: ${(error as Error).message}`);
    return 1;
  }
  if (!jsonl) {
    const outcome = run(calculator, text);
    if (!outcome.ok) return printEnvelope(io, outcome.code, outcome.details);
    printJson(io, outcome.result);
    return 0;
  }
  // One line in, one line out, in order; blank lines are skipped but still counted for line numbers.
  let failed = 0;
  for (const [index, line] of text.split(/\r?\n/).entries()) {
    if (!line.trim()) continue;
    const outcome = run(calculator, line);
    if (outcome.ok) {
      io.out(JSON.stringify(outcome.result));
    } else {
      failed++;
      const details = { line: index + 1, ...(outcome.details as object | undefined) };
      io.out(JSON.stringify(envelope({ code: outcome.code, language: io.language, requestId: `cli-${randomUUID()}`, details })));
    }
  }
  if (failed) io.err(`${failed} line(s) failed; their envelopes name the line`);
  return failed ? 2 : 0;
}
