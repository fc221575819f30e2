/**
 * Property test: over generated and mutated pages the validator never throws,
 * never hangs, and every pointer it returns exists in the input (and every
 * line and column lies inside the text).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { catalog } from '../../catalog';
import { parsePointer } from '../../lib/spec/json-text';
import { loadSqlParser } from '../../lib/spec/sql-check';
import { validatePage } from '../../lib/spec/validate';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

function exampleDocs(): unknown[] {
  const docs: unknown[] = [];
  for (const dir of readdirSync(path.join(ROOT, 'catalog'), { withFileTypes: true })) {
    if (!dir.isDirectory()) continue;
    const examples = path.join(ROOT, 'catalog', dir.name, 'examples');
    let files: string[] = [];
    try {
      files = readdirSync(examples).filter((f) => f.endsWith('.json'));
    } catch {
      continue;
    }
    for (const f of files) docs.push(JSON.parse(readFileSync(path.join(examples, f), 'utf8')));
  }
  for (const f of readdirSync(path.join(ROOT, 'lib/local-platform/seed-pages'))) docs.push(JSON.parse(readFileSync(path.join(ROOT, 'lib/local-platform/seed-pages', f), 'utf8')));
  return docs;
}

function pointerExists(value: unknown, pointer: string): boolean {
  let current: unknown = value;
  for (const segment of parsePointer(pointer)) {
    if (Array.isArray(current) && typeof segment === 'number' && segment < current.length) current = current[segment];
    else if (current && typeof current === 'object' && !Array.isArray(current) && Object.prototype.hasOwnProperty.call(current, String(segment))) {
      current = (current as Record<string, unknown>)[String(segment)];
    } else return false;
  }
  return true;
}

type Path = (string | number)[];

function allPaths(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((v, i) => allPaths(v, [...prefix, i], out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) allPaths(v, [...prefix, k], out);
  return out;
}

function setAt(root: unknown, at: Path, replace: (old: unknown) => unknown | typeof DELETE): unknown {
  if (at.length === 0) {
    const r = replace(root);
    return r === DELETE ? null : r;
  }
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let parent = copy as Record<string | number, unknown>;
  for (const key of at.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = at[at.length - 1]!;
  const next = replace(parent[last]);
  if (next === DELETE) {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else parent[last] = next;
  return copy;
}
const DELETE = Symbol('delete');

const componentTypes = catalog.types;
const replacement = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(...componentTypes, 'Barchart', 'table', '', 'by_channel', 'javascript:alert(1)', 'SELECT 1; DROP TABLE x', '@p'),
  fc.record({ $query: fc.oneof(fc.string(), fc.constant('by_channel')) }),
  fc.record({ $value: fc.record({ query: fc.string(), field: fc.string() }) }),
  fc.record({ type: fc.constantFrom(...componentTypes), props: fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 })) }),
);

const docs = exampleDocs();

/** A valid page, then up to four random edits: replace, delete or rename anywhere in the tree. */
const mutatedDoc = fc
  .tuple(fc.constantFrom(...docs), fc.array(fc.tuple(fc.nat(), fc.constantFrom('replace', 'delete', 'rename'), replacement, fc.string({ maxLength: 10 })), { maxLength: 4 }))
  .map(([doc, edits]) => {
    let current: unknown = doc;
    for (const [pick, kind, value, newKey] of edits) {
      const paths = allPaths(current);
      const at = paths[pick % paths.length]!;
      if (kind === 'replace') current = setAt(current, at, () => value);
      else if (kind === 'delete' && at.length > 0) current = setAt(current, at, () => DELETE);
      else if (kind === 'rename' && at.length > 0 && typeof at[at.length - 1] === 'string') {
        const parentPath = at.slice(0, -1);
        const oldKey = at[at.length - 1] as string;
        current = setAt(current, parentPath, (parent) => {
          if (!parent || typeof parent !== 'object' || Array.isArray(parent)) return parent;
          const { [oldKey]: moved, ...rest } = parent as Record<string, unknown>;
          return { ...rest, [newKey]: moved };
        });
      }
    }
    return current;
  });

/** Text damage: a slice cut out or random characters put in. */
const damagedText = fc
  .tuple(mutatedDoc, fc.nat(), fc.nat({ max: 20 }), fc.string({ maxLength: 5 }), fc.boolean())
  .map(([doc, at, length, insert, pretty]) => {
    const text = JSON.stringify(doc, null, pretty ? 2 : undefined) ?? 'null';
    const start = at % (text.length + 1);
    return text.slice(0, start) + insert + text.slice(start + length);
  });

function checkInvariants(input: string | unknown): void {
  const started = performance.now();
  const diagnostics = validatePage(input, catalog);
  const elapsed = performance.now() - started;
  expect(elapsed).toBeLessThan(5_000);
  const text = typeof input === 'string' ? input : undefined;
  let value: unknown = input;
  if (text !== undefined) {
    try {
      value = JSON.parse(text);
    } catch {
      for (const d of diagnostics) expect(d.code).toBe('invalid-json');
      value = undefined;
    }
  }
  const lines = text?.split(/\r\n|\r|\n/);
  for (const d of diagnostics) {
    if (value !== undefined || d.code !== 'invalid-json') expect(pointerExists(value, d.pointer), `${d.code} ${d.pointer}`).toBe(true);
    if (lines) {
      expect(d.line).toBeGreaterThanOrEqual(1);
      expect(d.line!).toBeLessThanOrEqual(lines.length);
      expect(d.column).toBeGreaterThanOrEqual(1);
      expect(d.column!).toBeLessThanOrEqual(lines[d.line! - 1]!.length + 1);
    }
  }
}

describe('validatePage properties', () => {
  beforeAll(async () => {
    await loadSqlParser();
  });

  it('holds for 6,000 mutated pages given as text', () => {
    fc.assert(fc.property(mutatedDoc, (doc) => checkInvariants(JSON.stringify(doc, null, 2) ?? 'null')), { numRuns: 6_000, seed: 20261129 });
  });

  it('holds for 3,000 damaged texts', () => {
    fc.assert(fc.property(damagedText, (text) => checkInvariants(text)), { numRuns: 3_000, seed: 7 });
  });

  it('holds for 1,000 arbitrary JSON values given as values', () => {
    fc.assert(fc.property(fc.oneof(mutatedDoc, fc.jsonValue({ maxDepth: 4 })), (value) => checkInvariants(value)), { numRuns: 1_000, seed: 11 });
  });
});
