/** The studio's `?example=<type>/<file>`: only an example the catalog's folder lists, never another path. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalog } from '../../catalog';
import { exampleById, examplesOf, folderOf } from '../../catalog/examples';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

describe('catalog examples', () => {
  it('lists at least one example for every component, named <type>/<file>', () => {
    for (const type of catalog.types) {
      const examples = examplesOf(type, ROOT);
      expect(examples.length, type).toBeGreaterThan(0);
      for (const e of examples) {
        expect(e.id).toBe(`${type}/${e.file}`);
        expect(e.text).toContain(`"${type}"`);
      }
    }
    expect(folderOf('StatRow')).toBe('stat-row');
  });

  it('finds an example by its id', () => {
    const found = exampleById('BarChart/topics-by-sentiment.json', catalog, ROOT);
    expect(found.ok && JSON.parse(found.example.text).name).toBe('Topics by sentiment');
  });

  it.each([
    ['BarChart/../../package.json', 'BarChart has no example "../../package.json"'],
    ['BarChart/../table/examples/table.json', 'BarChart has no example "../table/examples/table.json"'],
    ['../../etc/passwd', 'There is no component ".." in the catalog'],
    ['Nope/x.json', 'There is no component "Nope" in the catalog'],
    ['BarChart', '"BarChart" is not an example name'],
    ['/etc/passwd', '"/etc/passwd" is not an example name'],
  ])('refuses %s', (id, problem) => {
    const found = exampleById(id, catalog, ROOT);
    expect(found.ok).toBe(false);
    expect(!found.ok && found.problem).toContain(problem);
  });
});
