import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CanonicalJsonError, canonicalJson } from './canonical-json.ts';

/** An IEEE 754 double from its 16 hex digits, as RFC 8785 Appendix B lists them. */
const fromHex = (hex: string): number => {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt(`0x${hex}`));
  return view.getFloat64(0);
};

describe('canonicalJson: RFC 8785 Appendix B number serialisation', () => {
  it.each([
    ['0000000000000000', '0', 'zero'],
    ['8000000000000000', '0', 'minus zero'],
    ['0000000000000001', '5e-324', 'min pos number'],
    ['8000000000000001', '-5e-324', 'min neg number'],
    ['7fefffffffffffff', '1.7976931348623157e+308', 'max pos number'],
    ['ffefffffffffffff', '-1.7976931348623157e+308', 'max neg number'],
    ['4340000000000000', '9007199254740992', 'max pos int'],
    ['c340000000000000', '-9007199254740992', 'max neg int'],
    ['4430000000000000', '295147905179352830000', '~2**68'],
    ['44b52d02c7e14af5', '9.999999999999997e+22', ''],
    ['44b52d02c7e14af6', '1e+23', ''],
    ['44b52d02c7e14af7', '1.0000000000000001e+23', ''],
    ['444b1ae4d6e2ef4e', '999999999999999700000', ''],
    ['444b1ae4d6e2ef4f', '999999999999999900000', ''],
    ['444b1ae4d6e2ef50', '1e+21', ''],
    ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7', ''],
    ['3eb0c6f7a0b5ed8d', '0.000001', ''],
    ['41b3de4355555553', '333333333.3333332', ''],
    ['41b3de4355555554', '333333333.33333325', ''],
    ['41b3de4355555555', '333333333.3333333', ''],
    ['41b3de4355555556', '333333333.3333334', ''],
    ['41b3de4355555557', '333333333.33333343', ''],
    ['becbf647612f3696', '-0.0000033333333333333333', ''],
    ['43143ff3c1cb0959', '1424953923781206.2', 'round to even'],
  ])('%s → %s %s', (hex, expected) => {
    expect(canonicalJson(fromHex(hex))).toBe(expected);
  });

  it.each([
    [1e21, '1e+21'],
    [1e-7, '1e-7'],
    [0.000001, '0.000001'],
    [-0, '0'],
    // The RFC's literal has more digits than a double holds: rounding it is the point of the example.
    // eslint-disable-next-line no-loss-of-precision
    [333333333.33333329, '333333333.3333333'],
    [1e30, '1e+30'],
    [4.5, '4.5'],
    [2e-3, '0.002'],
    [1e-27, '1e-27'],
  ])('%s → %s', (n, expected) => {
    expect(canonicalJson(n)).toBe(expected);
  });

  it.each([
    ['7fffffffffffffff', 'NaN'],
    ['7ff0000000000000', 'Infinity'],
    ['fff0000000000000', '-Infinity'],
  ])('%s (%s) is refused', (hex) => {
    expect(() => canonicalJson({ n: fromHex(hex) })).toThrow(/\$\.n: .* is not a JSON number/);
  });
});

describe('canonicalJson: RFC 8785 §3.2.2 and §3.2.3 examples', () => {
  it('serialises the §3.2.2 sample (literals, numbers, string escapes)', () => {
    const input = String.raw`{
      "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
      "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
      "literals": [null, true, false]
    }`;
    expect(canonicalJson(JSON.parse(input))).toBe(String.raw`{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}`);
  });

  it('sorts keys by UTF-16 code units (§3.2.3), not by code points', () => {
    const input = String.raw`{
      "\u20ac": "Euro Sign",
      "\r": "Carriage Return",
      "\ufb33": "Hebrew Letter Dalet With Dagesh",
      "1": "One",
      "\ud83d\ude00": "Emoji: Grinning Face",
      "\u0080": "Control",
      "\u00f6": "Latin Small Letter O With Diaeresis"
    }`;
    const text = canonicalJson(JSON.parse(input));
    expect(Object.keys(JSON.parse(text))).toEqual(['1', '\r', '\u0080', '\u00f6', '\u20ac', '\ud83d\ude00', '\ufb33']); // JS lists "1" first: integer-like keys
    expect(text).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis","\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it('writes nested structures without whitespace and keeps array order', () => {
    expect(canonicalJson({ b: [3, { z: 1, a: [] }, 'x'], a: {}, c: null })).toBe('{"a":{},"b":[3,{"a":[],"z":1},"x"],"c":null}');
    expect(canonicalJson('中文')).toBe('"中文"');
    expect(canonicalJson([true, false, null])).toBe('[true,false,null]');
  });

  it('serialises Date (and anything with toJSON) through toJSON, as JSON.stringify does', () => {
    expect(canonicalJson({ at: new Date('2024-06-30T08:00:00.000Z') })).toBe('{"at":"2024-06-30T08:00:00.000Z"}');
  });
});

describe('canonicalJson: what is not JSON is refused with its path', () => {
  it.each([
    ['undefined', undefined, /\$: undefined is not JSON/],
    ['an undefined property', { a: { b: undefined } }, /\$\.a\.b: undefined is not JSON/],
    ['an undefined array element', [1, undefined], /\$\[1\]: undefined is not JSON/],
    ['a function', { f: () => 1 }, /\$\.f: function is not JSON/],
    ['a symbol', [Symbol('s')], /\$\[0\]: symbol is not JSON/],
    ['a BigInt', { seq: 10n }, /\$\.seq: BigInt is not JSON/],
    ['a Map', new Map([['a', 1]]), /\$: Map is not a plain JSON object/],
    ['a Set', { s: new Set([1]) }, /\$\.s: Set is not a plain JSON object/],
    ['a lone high surrogate', { s: 'a\ud800b' }, /\$\.s: string has a lone surrogate/],
    ['a lone low surrogate key', { '\udc00': 1 }, /lone surrogate/],
  ])('%s', (_name, value, message) => {
    expect(() => canonicalJson(value)).toThrow(CanonicalJsonError);
    expect(() => canonicalJson(value)).toThrow(message);
  });

  it('refuses cycles but accepts a shared (acyclic) sub-object twice', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow(/\$\.self: cyclic structure/);
    const shared = { x: 1 };
    expect(canonicalJson({ a: shared, b: [shared] })).toBe('{"a":{"x":1},"b":[{"x":1}]}');
  });

  it('accepts objects with a null prototype', () => {
    const bare = Object.assign(Object.create(null) as object, { b: 1, a: 2 });
    expect(canonicalJson(bare)).toBe('{"a":2,"b":1}');
  });
});

/** Valid-Unicode JSON values (lone surrogates are refused by design, see the tests above). */
const json = fc.jsonValue({ maxDepth: 4, stringUnit: 'grapheme' });

/** The same value with every object's keys inserted in reverse (or shuffled) order. */
function reorder(value: unknown, order: (keys: string[]) => string[]): unknown {
  if (Array.isArray(value)) return value.map((v) => reorder(v, order));
  if (value !== null && typeof value === 'object') {
    // fromEntries defines own properties: a key named __proto__ stays a key, as JSON.parse makes it.
    return Object.fromEntries(order(Object.keys(value)).map((key) => [key, reorder((value as Record<string, unknown>)[key], order)]));
  }
  return value;
}

describe('canonicalJson: properties', () => {
  it('is a fixed point: canonical(parse(canonical(x))) === canonical(x)', () => {
    fc.assert(
      fc.property(json, (x) => {
        const once = canonicalJson(x);
        expect(canonicalJson(JSON.parse(once))).toBe(once);
      }),
      { numRuns: 500 },
    );
  });

  it('does not depend on key insertion order', () => {
    fc.assert(
      fc.property(json, fc.integer(), (x, seed) => {
        const shuffle = (keys: string[]): string[] =>
          keys
            .map((k, i) => ({ k, r: Math.sin(seed + i * 7919) }))
            .sort((a, b) => a.r - b.r)
            .map((e) => e.k);
        const expected = canonicalJson(x);
        expect(canonicalJson(reorder(x, (keys) => [...keys].reverse()))).toBe(expected);
        expect(canonicalJson(reorder(x, shuffle))).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('is valid JSON for the same value (up to -0), with no whitespace outside strings', () => {
    fc.assert(
      fc.property(json, (x) => {
        const text = canonicalJson(x);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(x)));
        expect(text.replace(/"(?:[^"\\]|\\.)*"/g, '')).not.toMatch(/\s/);
      }),
      { numRuns: 300 },
    );
  });
});
