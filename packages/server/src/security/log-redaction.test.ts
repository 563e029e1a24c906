import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { personalDataCensor, personalDataRedactPaths } from './log-redaction.ts';

/** A logger writing each JSON line to an array, redacting as production would. */
function capture(): { logger: pino.Logger; lines: string[] } {
  const lines: string[] = [];
  const logger = pino({ redact: { paths: [...personalDataRedactPaths], censor: personalDataCensor } }, { write: (line: string) => lines.push(line) });
  return { logger, lines };
}

const phone = '13812345678';

describe('personalDataRedactPaths', () => {
  it.each([
    { why: 'top level', object: { phone } },
    { why: 'phoneNumber', object: { phoneNumber: phone } },
    { why: 'mobile', object: { mobile: phone } },
    { why: 'one level down', object: { resident: { phone } } },
    { why: 'two levels down', object: { req: { body: { phone } } } },
    { why: 'in an array', object: { residents: [{ phone }, { mobile: phone }] } },
    { why: 'in an array one level down', object: { batch: [{ phoneNumber: phone }] } },
    { why: 'beside other fields', object: { userId: 'u1', phone, action: 'login' } },
  ])('keeps the phone number out of the log: $why', ({ object }) => {
    const { logger, lines } = capture();
    logger.info(object, 'resident updated');
    expect(lines).toHaveLength(1);
    expect(lines.join('')).not.toContain(phone);
    expect(lines.join('')).toContain(personalDataCensor);
  });

  it('keeps names, real names and ID numbers out, but not other `name` fields', () => {
    const { logger, lines } = capture();
    logger.info({ resident: { name: '张三', realName: '张三' }, req: { person: { name: '李四', idNumber: '110101199003070000' } }, organisation: { name: '示范能源有限公司' } });
    const line = lines.join('');
    for (const secret of ['张三', '李四', '110101199003070000']) expect(line).not.toContain(secret);
    expect(line).toContain('示范能源有限公司');
    expect(JSON.parse(line)).toMatchObject({ resident: { name: personalDataCensor, realName: personalDataCensor }, req: { person: { name: personalDataCensor } } });
  });

  it('redacts child-logger bindings too', () => {
    const { logger, lines } = capture();
    logger.child({ resident: { phone } }).info('bound');
    expect(lines.join('')).not.toContain(phone);
  });

  it('leaves logs without personal fields unchanged', () => {
    const { logger, lines } = capture();
    logger.info({ userId: 'u1', count: 3, nested: { phoneVerified: true } }, 'ok');
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ userId: 'u1', count: 3, nested: { phoneVerified: true }, msg: 'ok' });
  });

  it('uses only pino wildcard syntax, at most three levels deep', () => {
    for (const path of personalDataRedactPaths) {
      expect(path).toMatch(/^(\*\.){0,2}[A-Za-z]+(\.[A-Za-z]+)?$/);
      expect(path.split('.').length).toBeLessThanOrEqual(3);
    }
  });
});
