/**
 * One invalid fixture per diagnostic code: each yields exactly that code, at
 * the pointer, line and column written here (checked by eye against the file).
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { catalog } from '../../catalog';
import { CONTEXT_CODES, DIAGNOSTIC_CODES, type DiagnosticCode } from '../../lib/spec/diagnostics';
import { loadSqlParser } from '../../lib/spec/sql-check';
import { validatePage } from '../../lib/spec/validate';

const DIR = path.resolve(import.meta.dirname, '..', 'fixtures', 'invalid');

const EXPECTED: Record<string, { pointer: string; line: number; column: number; severity?: 'warning'; hint?: string }> = {
  'invalid-json': { pointer: '', line: 3, column: 12 },
  'unknown-component': { pointer: '/spec/root/children/1/type', line: 41, column: 19, hint: 'did you mean "BarChart"?' },
  'bad-prop': { pointer: '/spec/root/children/0/props/format', line: 37, column: 23, hint: 'did you mean "percent"?' },
  'missing-prop': { pointer: '/spec/root/children/0/props', line: 29, column: 20 },
  'binding-kind': { pointer: '/spec/root/children/0/props/value', line: 31, column: 22 },
  'unbound-query': { pointer: '/spec/root/children/1/props/data/$query', line: 44, column: 25, hint: 'did you mean "by_channel"?' },
  'unused-query': { pointer: '/declared_queries/2/name', line: 18, column: 15, severity: 'warning' },
  'duplicate-query': { pointer: '/declared_queries/2/name', line: 18, column: 15 },
  'bad-query': { pointer: '/declared_queries/0/source', line: 9, column: 17, hint: 'did you mean "sql"?' },
  'invalid-sql': { pointer: '/declared_queries/1/sql', line: 15, column: 60 },
  'unknown-param': { pointer: '/declared_queries/1/sql', line: 15, column: 75 },
  'unused-param': { pointer: '/declared_queries/1/params/since', line: 17, column: 9, severity: 'warning' },
  'custom-not-allowed': { pointer: '/spec/root/children/2/type', line: 51, column: 19 },
  'unsafe-url': { pointer: '/spec/root/children/2/props/body', line: 53, column: 30 },
  layout: { pointer: '/spec/root/type', line: 22, column: 15 },
  'unknown-column': { pointer: '/spec/root/children/1/props/x', line: 46, column: 18, hint: 'did you mean "channel"?' },
};

beforeAll(async () => {
  await loadSqlParser();
});

describe('diagnostic fixtures', () => {
  it('cover every documented code the offline validator reports', () => {
    // The online and snapshot-test codes are covered by test/cli/pages-as-code.test.ts and render-page.test.tsx.
    const offline = Object.keys(DIAGNOSTIC_CODES).filter((c) => !CONTEXT_CODES.has(c as DiagnosticCode)).sort();
    expect(Object.keys(EXPECTED).sort()).toEqual(offline);
    expect(readdirSync(DIR).map((f) => f.replace(/\.json$/, '')).sort()).toEqual(offline);
  });

  it('the base the fixtures were cut from is clean', () => {
    const base = readFileSync(path.resolve(DIR, '..', 'valid', 'fixture-base.json'), 'utf8');
    expect(validatePage(base, catalog)).toEqual([]);
  });

  for (const [code, want] of Object.entries(EXPECTED)) {
    it(`${code}: exactly that code at ${want.pointer || '/'} ${want.line}:${want.column}`, () => {
      const diagnostics = validatePage(readFileSync(path.join(DIR, `${code}.json`), 'utf8'), catalog);
      expect(diagnostics.map((d) => d.code)).toEqual([code]);
      const [d] = diagnostics;
      expect({ pointer: d!.pointer, line: d!.line, column: d!.column, severity: d!.severity }).toEqual({
        pointer: want.pointer,
        line: want.line,
        column: want.column,
        severity: want.severity ?? 'error',
      });
      if (want.hint) expect(d!.hint).toBe(want.hint);
      expect(d!.message.length).toBeGreaterThan(10);
    });
  }

  it('reports every problem at once, not the first', () => {
    const text = readFileSync(path.join(DIR, 'unknown-component.json'), 'utf8')
      .replace('"percnt"', '"x"')
      .replace('"format": "number"', '"format": "percnt"')
      .replace('"x": "channel"', '"x": "chanel"');
    const codes = validatePage(text, catalog).map((d) => d.code);
    expect(codes).toContain('unknown-component');
    expect(codes).toContain('bad-prop');
  });

  it('accepts Custom with --allow-custom (pages:admin)', () => {
    const text = readFileSync(path.join(DIR, 'custom-not-allowed.json'), 'utf8');
    expect(validatePage(text, catalog, { allowCustom: true })).toEqual([]);
  });
});
