/**
 * RFC 8785 JSON Canonicalization Scheme (JCS): one byte-exact text per JSON value, so that a hash
 * of it is reproducible by anyone, in any language. Object keys sorted by UTF-16 code units, no
 * whitespace, strings escaped as ECMAScript JSON.stringify does, numbers as ECMAScript
 * Number::toString. Own implementation: the `canonicalize` package needs Node 22.
 *
 * Input is I-JSON (RFC 7493): NaN, ±Infinity, lone surrogates, undefined, functions, symbols,
 * BigInt, cycles and non-plain objects (Map, Set, class instances without toJSON) are refused
 * with a CanonicalJsonError naming the path, never silently dropped or changed — a digest must
 * not quietly cover less than its caller thinks. Objects with `toJSON` (Date) are serialised
 * through it, as JSON.stringify does.
 *
 * @example canonicalJson({ b: [1e21, 0.000001], a: 'x' }) === '{"a":"x","b":[1e+21,0.000001]}'
 */

export class CanonicalJsonError extends Error {
  override name = 'CanonicalJsonError';
}

// Lone high surrogate not followed by a low one, or a low surrogate not preceded by a high one.
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The RFC 8785 canonical text of `value`. */
export function canonicalJson(value: unknown): string {
  return serialise(value, '$', new Set());
}

function serialise(value: unknown, path: string, ancestors: Set<object>): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      return serialiseNumber(value, path);
    case 'string':
      return serialiseString(value, path);
    case 'object':
      return serialiseObject(value, path, ancestors);
    case 'bigint':
      throw new CanonicalJsonError(`${path}: BigInt is not JSON; pass int8 values as decimal strings`);
    default:
      // undefined, function, symbol
      throw new CanonicalJsonError(`${path}: ${typeof value} is not JSON`);
  }
}

/**
 * ECMAScript Number::toString (ECMA-262 §6.1.6.1.20) is exactly what RFC 8785 §3.2.2.3 requires,
 * and every conforming engine implements it as `String(n)` (shortest round-trip digits, exponent
 * from 1e21 up and below 1e-6). -0 prints as "0" there too.
 */
function serialiseNumber(value: number, path: string): string {
  if (!Number.isFinite(value)) throw new CanonicalJsonError(`${path}: ${value} is not a JSON number`);
  return Object.is(value, -0) ? '0' : String(value);
}

/** RFC 8785 §3.2.2.2 is JSON.stringify's escaping: \b \t \n \f \r \" \\, other C0 as \u00xx (lowercase hex), the rest verbatim. */
function serialiseString(value: string, path: string): string {
  if (loneSurrogate.test(value)) throw new CanonicalJsonError(`${path}: string has a lone surrogate (not valid Unicode, refused by I-JSON)`);
  return JSON.stringify(value);
}

function serialiseObject(value: object, path: string, ancestors: Set<object>): string {
  if (ancestors.has(value)) throw new CanonicalJsonError(`${path}: cyclic structure`);
  const withToJson = value as { toJSON?: unknown };
  if (typeof withToJson.toJSON === 'function') {
    ancestors.add(value);
    try {
      return serialise((withToJson.toJSON as () => unknown).call(value), path, ancestors);
    } finally {
      ancestors.delete(value);
    }
  }
  ancestors.add(value);
  try {
    if (Array.isArray(value)) {
      const items: string[] = [];
      for (let i = 0; i < value.length; i++) items.push(serialise(value[i], `${path}[${i}]`, ancestors));
      return `[${items.join(',')}]`;
    }
    const proto = Object.getPrototypeOf(value) as unknown;
    if (proto !== Object.prototype && proto !== null) {
      const kind = (value as { constructor?: { name?: string } }).constructor?.name ?? 'object';
      throw new CanonicalJsonError(`${path}: ${kind} is not a plain JSON object`);
    }
    // Default sort compares UTF-16 code units, which is RFC 8785 §3.2.3's order.
    const keys = Object.keys(value).sort();
    const record = value as Record<string, unknown>;
    const members = keys.map((key) => `${serialiseString(key, `${path}.${key}`)}:${serialise(record[key], `${path}.${key}`, ancestors)}`);
    return `{${members.join(',')}}`;
  } finally {
    ancestors.delete(value);
  }
}
