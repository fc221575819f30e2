/**
 * `@name` binding, proven with PostgreSQL's own parser (libpg-query): for
 * every declared type, a bound statement is still one statement and parses
 * to the same tree as the author's SQL with a constant in each param's place,
 * and that constant is the value given. A value that does not fit its type is
 * refused with a ParamError; PGlite's `pg_input_is_valid` is the judge of
 * what a date or timestamp is.
 */
import { PGlite } from '@electric-sql/pglite';
import fc from 'fast-check';
import { parseSync } from 'libpg-query';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bindParams, ParamError, sqlLiteral } from '../../lib/render/bind-params';
import type { ParamDeclaration } from '../../lib/spec/page-model';
import { loadSqlParser } from '../../lib/spec/sql-check';
import { findParamReferences } from '../../lib/spec/sql-params';

const RUNS = 10_000;

beforeAll(async () => {
  await loadSqlParser();
});

// ---------------------------------------------------------------- templates

/**
 * Contexts an `@p` (the param under test) and `@q` (a string param) appear
 * in: plain comparisons, `0-@p`, inside strings, dollar quotes and comments
 * (never bound), right after identifiers a literal could fuse with (`e`, `u&`,
 * `x`, `b`, `n`), in arrays, CTEs, concatenation, after a bare keyword, and
 * before a trailing semicolon.
 */
const TEMPLATES = [
  'SELECT COUNT(*) AS n FROM interactions WHERE channel = @p AND id <> @q',
  "SELECT @p AS v, '@p' AS lit, $$ @p $$ AS d, $tag$ @p ' $tag$ AS t /* @p ' */ FROM interactions -- @p '\nWHERE 0-@p IS NOT NULL;",
  'SELECT 1 FROM interactions WHERE amount > 0-@p AND resolved',
  'SELECT e@p AS a, u&@q AS b, x@p AS c, b@q AS d, n@p AS f, col@q AS g FROM interactions',
  'SELECT (@p)::text AS v, ARRAY[@p, @q] AS arr FROM interactions WHERE @q IN (@p, \'x\')',
  'WITH w AS (SELECT @p AS v) SELECT v FROM w WHERE v IS DISTINCT FROM @p',
  'SELECT-@p AS neg, @p||@q AS cat FROM interactions;',
  "SELECT channel FROM interactions WHERE created_at >= @p AND note LIKE '%' || @q || '%' ORDER BY 1 LIMIT 5",
  'SELECT "E"@p, "x"@q FROM interactions',
];

type Kind = 'string' | 'number' | 'integer' | 'boolean' | 'date' | 'timestamp';

/** A constant of the param's kind, spelled with spaces so it fuses with nothing. */
const PLACEHOLDER: Record<Kind | 'q', string> = {
  string: " 'p§0' ",
  q: " 'p§1' ",
  number: ' (987654320) ',
  integer: ' (987654320) ',
  boolean: ' (TRUE) ',
  date: " '1999-12-31'::date ",
  timestamp: " '1999-12-31 00:00:00+00'::timestamptz ",
};

type ConstValue = { s?: string; n?: number; b?: boolean; cast?: string };

function constOf(node: Record<string, unknown>): ConstValue {
  if ('sval' in node) return { s: (node.sval as { sval?: string }).sval ?? '' };
  if ('ival' in node) return { n: zero((node.ival as { ival?: number }).ival ?? 0) };
  if ('fval' in node) return { n: zero(Number((node.fval as { fval: string }).fval)) };
  if ('boolval' in node) return { b: (node.boolval as { boolval?: boolean }).boolval ?? false };
  return { s: JSON.stringify(node) };
}

/**
 * The tree with every constant (`A_Const`, or a cast of one) replaced by a
 * marker naming only its cast, and positions dropped; the constants' values in
 * walk order beside it.
 */
/** Fields that say where in the text a node was, not what it is. */
const POSITION = /(^|_)(location|len|start|end)$/;

function shapeOf(sql: string): { statements: number; shape: unknown; consts: ConstValue[] } {
  const tree = parseSync(sql) as { stmts: unknown[] };
  const consts: ConstValue[] = [];
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (node === null || typeof node !== 'object') return node;
    const o = node as Record<string, unknown>;
    if (o.A_Const) {
      consts.push(constOf(o.A_Const as Record<string, unknown>));
      return { CONST: '' };
    }
    const cast = o.TypeCast as { arg?: Record<string, unknown>; typeName?: { names: { String: { sval: string } }[] } } | undefined;
    if (cast?.arg?.A_Const) {
      const name = cast.typeName!.names.map((n) => n.String.sval).join('.');
      consts.push({ ...constOf(cast.arg.A_Const as Record<string, unknown>), cast: name });
      return { CONST: name };
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(o)) if (!POSITION.test(k)) out[k] = walk(v);
    return out;
  };
  const shape = walk(tree.stmts);
  return { statements: tree.stmts.length, shape, consts };
}

function withPlaceholders(sql: string, kind: Kind): string {
  let out = '';
  let last = 0;
  for (const ref of findParamReferences(sql)) {
    out += sql.slice(last, ref.start) + (ref.name === 'q' ? PLACEHOLDER.q : PLACEHOLDER[kind]);
    last = ref.end;
  }
  return out + sql.slice(last);
}

const PLACEHOLDER_CONST: Record<Kind | 'q', ConstValue> = {
  string: { s: 'p§0' },
  q: { s: 'p§1' },
  number: { n: 987654320 },
  integer: { n: 987654320 },
  boolean: { b: true },
  date: { s: '1999-12-31', cast: 'date' },
  timestamp: { s: '1999-12-31 00:00:00+00', cast: 'timestamptz' },
};

interface Template {
  sql: string;
  shape: unknown;
  /** The shape as JSON: compared as text first, the deep diff only on a mismatch. */
  shapeText: string;
  consts: ConstValue[];
}

const templatesByKind = new Map<Kind, Template[]>();

/** The templates whose placeholder form parses for this kind (`e TRUE` does not, for instance). */
function templatesFor(kind: Kind): Template[] {
  let list = templatesByKind.get(kind);
  if (!list) {
    list = [];
    for (const sql of TEMPLATES) {
      try {
        const t = shapeOf(withPlaceholders(sql, kind));
        expect(t.statements).toBe(1);
        list.push({ sql, shape: t.shape, shapeText: JSON.stringify(t.shape), consts: t.consts });
      } catch (error) {
        if (!(error instanceof Error) || !/syntax error/.test(error.message)) throw error;
      }
    }
    templatesByKind.set(kind, list);
  }
  return list;
}

/**
 * Binds `value` as @p (and `qValue` as @q) into a template and checks the
 * parse tree: one statement, the template's shape, and each param's constant
 * equal to `expected` (or q's text).
 */
function expectSameTree(template: Template, kind: Kind, decl: ParamDeclaration, value: unknown, qValue: string, expected: ConstValue): void {
  const bound = bindParams(template.sql, { p: decl, q: 'string' }, { p: value, q: qValue });
  const got = shapeOf(bound);
  if (got.statements !== 1) throw new Error(`${got.statements} statements: ${bound}`);
  if (JSON.stringify(got.shape) !== template.shapeText) expect(got.shape).toEqual(template.shape);
  const want = template.consts.map((c) => {
    // A placeholder is known by its value; the cast around it (`e 'p'`) and a
    // sign folded into it (`SELECT-@p`) are the context's, kept as found.
    if (c.s === PLACEHOLDER_CONST.q.s) return { s: qValue, ...(c.cast ? { cast: c.cast } : {}) };
    const own = PLACEHOLDER_CONST[kind];
    const isOwn = own.s !== undefined ? c.s === own.s : own.n !== undefined ? Math.abs(c.n ?? NaN) === own.n : c.b === own.b;
    if (!isOwn) return c;
    const value: ConstValue = { ...expected };
    delete value.cast;
    if (value.n !== undefined) value.n = zero(c.n! < 0 ? -value.n : value.n);
    return { ...value, ...(c.cast ? { cast: c.cast } : {}) };
  });
  if (JSON.stringify(got.consts) !== JSON.stringify(want)) expect(got.consts).toEqual(want);
}

/** -0 and 0 are one constant to PostgreSQL. */
function zero(n: number): number {
  return n === 0 ? 0 : n;
}

// --------------------------------------------------------------- values

/** Pieces that have broken SQL quoting somewhere, and text from far outside ASCII. */
const NASTY = [
  "'", "''", '\\', "\\'", "\\\\'", '$$', '$tag$', '$a$', '$1', '--', '/*', '*/', ';', '@p', '@', "E'", "U&'", "e'", '\n', '\r\n', '\t',
  ' OR 1=1', '; DROP TABLE interactions; --', "' OR true OR channel = '", '0-', '-1', ')', '(', '"', '`',
  '\u202e', '\u200f', 'שלום', 'مرحبا', 'e\u0301', 'a\u0308\u0301', '😀', '👩‍👩‍👧', '\ud83c\udff3\ufe0f\u200d\ud83c\udf08', '\u00a0', '\u2028', '\ufeff', '日本語',
];
const nastyText = fc.array(fc.constantFrom(...NASTY), { maxLength: 24 }).map((parts) => parts.join(''));
const mixedText = fc
  .array(fc.oneof(fc.constantFrom(...NASTY), fc.string({ unit: 'binary', maxLength: 6 })), { maxLength: 16 })
  .map((parts) => parts.join(''));
/** Very long values: a nasty piece repeated into tens of thousands of characters. */
const longText = fc.tuple(nastyText, fc.integer({ min: 500, max: 4000 })).map(([s, n]) => (s || "'").repeat(n));
const noNul = (s: string) => !s.includes('\0');
const stringValue = fc.oneof(
  { weight: 4, arbitrary: nastyText },
  { weight: 4, arbitrary: mixedText.filter(noNul) },
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }).filter(noNul) },
  { weight: 1, arbitrary: longText },
);
/** An empty value means "use the default", tested elsewhere; here every value is given. */
const qValue = fc.oneof(nastyText, fc.string({ unit: 'grapheme', maxLength: 10 })).filter((s) => s !== '');

const pad = (n: number, w: number) => String(n).padStart(w, '0');
const dateValue = fc
  .tuple(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }))
  .map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`);
const timestampValue = fc
  .tuple(dateValue, fc.constantFrom('T', ' '), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.constantFrom('', 'Z', '+05:30', '-0800', '+14'))
  .map(([d, sep, h, m, zone]) => `${d}${sep}${pad(h, 2)}:${pad(m, 2)}:00${zone}`);

function cases<T>(arb: fc.Arbitrary<T>, kind: Kind): fc.Arbitrary<[Template, T, string]> {
  return fc.tuple(fc.constantFrom(...templatesFor(kind)), arb, qValue);
}

/** Runs a property and returns how many values it saw, so the count is measured, not assumed. */
function check<T>(arb: fc.Arbitrary<T>, predicate: (value: T) => void, numRuns = RUNS): number {
  let seen = 0;
  fc.assert(
    fc.property(arb, (v) => {
      seen++;
      predicate(v);
    }),
    { numRuns },
  );
  return seen;
}

function expectRefused(decl: ParamDeclaration, value: unknown): void {
  let bound: string | undefined;
  try {
    bound = bindParams('SELECT 1 FROM interactions WHERE x = @p', { p: decl }, { p: value });
  } catch (error) {
    expect(error).toBeInstanceOf(ParamError);
    expect((error as ParamError).param).toBe('p');
    return;
  }
  throw new Error(`${JSON.stringify(value)} was spliced for ${JSON.stringify(decl)}: ${bound}`);
}

const JUNK = fc.constantFrom(';', ' OR 1=1', '--', ')', "'", '/*', '; DROP TABLE interactions', 'x', '\\', '$$', '@p', '\0', ' - 1', ',2');

// ---------------------------------------------------------------- properties

describe('a bound @param parses as the author\'s statement with a constant in its place', () => {
  it('string: quotes, backslashes, dollar quotes, comments, semicolons, unicode, very long text', () => {
    const seen = check(cases(stringValue.filter((s) => s !== ''), 'string'), ([t, v, q]) => expectSameTree(t, 'string', 'string', v, q, { s: v }));
    expect(seen).toBe(RUNS);
  });

  const numberValue = fc.oneof(
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer({ min: -1000, max: 1000 }),
    fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => ` ${String(n)}\t`),
    fc.integer().map((n) => String(-Math.abs(n) - 1)),
  );
  it('number: negatives after `0-`, exponents, text with spaces', () => {
    const seen = check(cases(numberValue, 'number'), ([t, v, q]) => expectSameTree(t, 'number', 'number', v, q, { n: Number(String(v).trim()) }));
    expect(seen).toBe(RUNS);
  });

  const integerValue = fc.oneof(fc.maxSafeInteger(), fc.integer({ min: -5, max: 5 }), fc.integer().map(String), fc.integer({ max: -1 }).map((n) => `${n}`));
  it('integer: the whole safe range, negative text', () => {
    const seen = check(cases(integerValue, 'integer'), ([t, v, q]) => expectSameTree(t, 'integer', 'integer', v, q, { n: Number(v) }));
    expect(seen).toBe(RUNS);
  });

  const booleanValue = fc.oneof(fc.boolean(), fc.constantFrom('true', 'false', 'TRUE', 'False', 'tRuE'));
  it('boolean: true and false in any case', () => {
    const seen = check(cases(booleanValue, 'boolean'), ([t, v, q]) =>
      expectSameTree(t, 'boolean', 'boolean', v, q, { b: String(v).toLowerCase() === 'true' }),
    );
    expect(seen).toBe(RUNS);
  });

  it('date', () => {
    const seen = check(cases(dateValue, 'date'), ([t, v, q]) => expectSameTree(t, 'date', 'date', v, q, { s: v, cast: 'date' }));
    expect(seen).toBe(RUNS);
  });

  it('timestamp', () => {
    const seen = check(cases(timestampValue, 'timestamp'), ([t, v, q]) =>
      expectSameTree(t, 'timestamp', 'timestamp', v, q, { s: v, cast: 'timestamptz' }),
    );
    expect(seen).toBe(RUNS);
  });

  const LIST = ['north', "o'brien", 'back\\slash', '$$x$$', '-- not a comment', 'ʻokina', 7, -2.5, 0] as const;
  it('values list: each allowed value, as given or as text', () => {
    const listed = (members: readonly (string | number)[], kind: Kind) =>
      fc.tuple(fc.constant(kind), cases(fc.oneof(fc.constantFrom(...members), fc.constantFrom(...members).map(String)), kind));
    const arb = fc.oneof(listed(LIST.filter((m) => typeof m === 'string'), 'string'), listed(LIST.filter((m) => typeof m === 'number'), 'number'));
    const seen = check(arb, ([kind, [t, v, q]]) => {
      const match = LIST.find((m) => String(m) === String(v))!;
      expectSameTree(t, kind, [...LIST], v, q, typeof match === 'number' ? { n: match } : { s: match });
    });
    expect(seen).toBe(RUNS);
  });
});

describe('a value that does not fit its declared type is refused, never spliced', () => {
  it('string: NUL (PostgreSQL text cannot hold it) and objects', () => {
    const withNul = fc.tuple(stringValue, stringValue).map(([a, b]) => `${a}\0${b}`);
    const seen = check(fc.oneof(withNul, fc.object(), fc.array(fc.string())), (v) => expectRefused('string', v));
    expect(seen).toBe(RUNS);
  });

  it('number and integer: text after a number, NaN, infinities, words; fractions for integer', () => {
    const notNumber = fc.oneof(
      fc.tuple(fc.double({ noNaN: true, noDefaultInfinity: true }), JUNK).map(([n, j]) => `${n}${j}`),
      fc.constantFrom(NaN, Infinity, -Infinity, '1e400', '-1e400', 'NaN', 'Infinity', '', '   ', '--1', '1--', '0-1'),
      fc.string({ unit: 'grapheme', maxLength: 12 }).filter((s) => !/\d/.test(s)),
      fc.object(),
    );
    const seen = check(notNumber, (v) => {
      expectRefused('number', v);
      expectRefused('integer', v);
    });
    expect(seen).toBe(RUNS);
    const fractions = fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Number.isInteger(n));
    expect(check(fc.oneof(fractions, fractions.map(String)), (v) => expectRefused('integer', v))).toBe(RUNS);
  });

  it('boolean: anything but true or false', () => {
    const notBoolean = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 12 }).filter((s) => !/^(true|false)$/i.test(s)),
      fc.constantFrom('true;', "true'", 'true --', 't', 'yes', '1', 1, 0, 'TRUE OR 1=1'),
    );
    expect(check(notBoolean, (v) => expectRefused('boolean', v))).toBe(RUNS);
  });

  it('values list: anything not on the list', () => {
    const LIST = ['north', "o'brien", 7, -2.5];
    const notListed = fc.oneof(stringValue, fc.double()).filter((v) => !LIST.some((m) => String(m) === String(v)));
    expect(check(notListed, (v) => expectRefused(LIST, v))).toBe(RUNS);
  });

  describe('dates and timestamps, judged by PostgreSQL', () => {
    let db: PGlite;
    beforeAll(async () => {
      db = await PGlite.create();
    });
    afterAll(async () => {
      await db?.close();
    });

    /** Shaped like a date but any digits: Feb 30, month 13, year 0000. */
    const dateShaped = fc
      .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 19 }), fc.integer({ min: 0, max: 39 }))
      .map(([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
    const timestampShaped = fc
      .tuple(dateShaped, fc.integer({ min: 0, max: 29 }), fc.integer({ min: 0, max: 69 }), fc.integer({ min: 0, max: 69 }), fc.constantFrom('', 'Z', '+05:30', '-16', '+15:59', '+99'))
      .map(([d, h, m, s, z]) => `${d}T${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}${z}`);

    async function judge(type: 'date' | 'timestamp', arb: fc.Arbitrary<string>): Promise<{ accepted: number; refused: number }> {
      const values = fc.sample(arb, { numRuns: RUNS, seed: 9 });
      const pgType = type === 'date' ? 'date' : 'timestamptz';
      const { rows } = await db.query<{ ok: boolean }>(`SELECT pg_input_is_valid(v, '${pgType}') AS ok FROM unnest($1::text[]) WITH ORDINALITY AS t(v, i) ORDER BY i`, [values]);
      let accepted = 0;
      let refused = 0;
      values.forEach((v, i) => {
        let ours: boolean;
        try {
          sqlLiteral('p', type, v);
          ours = true;
        } catch (error) {
          expect(error).toBeInstanceOf(ParamError);
          ours = false;
        }
        // Never accept what PostgreSQL would refuse (we may be stricter: 24:00, leap second 60).
        if (ours && !rows[i]!.ok) throw new Error(`${type} ${v} was accepted but PostgreSQL refuses it`);
        if (ours) accepted++;
        else refused++;
      });
      return { accepted, refused };
    }

    it('date: every accepted value is a date PostgreSQL accepts; Feb 30, month 13, year 0 are refused', async () => {
      const { accepted, refused } = await judge('date', dateShaped);
      expect(accepted + refused).toBe(RUNS);
      expect(accepted).toBeGreaterThan(RUNS / 4);
      expect(refused).toBeGreaterThan(RUNS / 4);
      for (const v of ['2026-02-30', '2025-02-29', '0000-01-01', '2026-13-01', '2026-04-31']) expectRefused('date', v);
      expect(check(fc.tuple(dateValue, JUNK).map(([d, j]) => d + j), (v) => expectRefused('date', v))).toBe(RUNS);
    });

    it('timestamp: every accepted value is a timestamp PostgreSQL accepts', async () => {
      const { accepted, refused } = await judge('timestamp', timestampShaped);
      expect(accepted + refused).toBe(RUNS);
      expect(accepted).toBeGreaterThan(RUNS / 10);
      expect(refused).toBeGreaterThan(RUNS / 4);
      expect(check(fc.tuple(timestampValue, JUNK).map(([d, j]) => d + j), (v) => expectRefused('timestamp', v))).toBe(RUNS);
    });
  });
});

describe('counterexamples the properties found, kept', () => {
  it('a string after `e` is not read as an escape string whose backslash reopens the quote', () => {
    const bound = bindParams('SELECT e@s FROM interactions', { s: 'string' }, { s: "\\' OR true --" });
    expect(shapeOf(bound).statements).toBe(1);
    expect(shapeOf(bound).consts).toEqual([{ s: "\\' OR true --", cast: 'e' }]);
  });

  it('a boolean after an identifier does not fuse into one (`xTRUE`)', () => {
    expect(bindParams('SELECT x@b', { b: 'boolean' }, { b: true })).toBe('SELECT x (TRUE)');
  });

  it('a boolean is a constant even where a bare word would be a column alias (`"E" FALSE`)', () => {
    const bound = bindParams('SELECT "E"@b FROM interactions', { b: 'boolean' }, { b: 'false' });
    expect(shapeOf(bound).consts).toEqual([{ b: false }]);
  });

  it('a backslash reads the same whatever standard_conforming_strings says', () => {
    expect(sqlLiteral('s', 'string', 'a\\b\'c')).toBe("E'a\\\\b''c'");
  });

  it('an object whose toString fails is refused with a ParamError, not a TypeError', () => {
    for (const decl of ['number', 'integer', 'string', 'boolean', 'date', ['a', 1]] as ParamDeclaration[]) expectRefused(decl, { toString: false });
  });

  it('a calendar day that does not exist is refused, not rolled over', () => {
    expectRefused('date', '2026-02-30');
    expectRefused('timestamp', '2026-02-31T10:00:00Z');
  });
});
