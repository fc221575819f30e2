/**
 * The example pages of each catalog entry (`catalog/<folder>/examples/*.json`),
 * read from disk on the server: the gallery shows them and the studio opens
 * them as new pages (`/pages/new?example=BarChart/topics-by-sentiment.json`).
 * An example is named by its component type and file name, and looked up in
 * the folder's own listing, so a name can never reach another path.
 * Server-only (node:fs); the app runs from the repository's root, as it does
 * for `.amdahl/`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Catalog } from '../lib/spec/define';

export interface CatalogExample {
  /** `<type>/<file>`, as the studio's `?example=` takes it. */
  id: string;
  type: string;
  file: string;
  text: string;
}

/** The folder of a component type: `StatRow` -> `stat-row`. */
export function folderOf(type: string): string {
  return type.replace(/(?<!^)([A-Z])/g, '-$1').toLowerCase();
}

function examplesDir(type: string, root: string): string {
  return path.join(root, 'catalog', folderOf(type), 'examples');
}

function fileNames(type: string, root: string): string[] {
  try {
    return readdirSync(examplesDir(type, root))
      .filter((f) => f.endsWith('.json'))
      .sort();
  } catch {
    return [];
  }
}

/** A component's examples, by file name. */
export function examplesOf(type: string, root = process.cwd()): CatalogExample[] {
  return fileNames(type, root).map((file) => ({ id: `${type}/${file}`, type, file, text: readFileSync(path.join(examplesDir(type, root), file), 'utf8') }));
}

export type ExampleLookup = { ok: true; example: CatalogExample } | { ok: false; problem: string };

/** The example named `<type>/<file>`, if the catalog has that type and its folder that file. */
export function exampleById(id: string, catalog: Catalog, root = process.cwd()): ExampleLookup {
  const slash = id.indexOf('/');
  const type = slash > 0 ? id.slice(0, slash) : '';
  const file = slash > 0 ? id.slice(slash + 1) : '';
  if (!type || !file) return { ok: false, problem: `"${id}" is not an example name: write <type>/<file>, e.g. BarChart/topics-by-sentiment.json` };
  if (!catalog.get(type)) return { ok: false, problem: `There is no component "${type}" in the catalog` };
  const files = fileNames(type, root);
  if (!files.includes(file)) {
    return { ok: false, problem: `${type} has no example "${file}"${files.length ? `: it has ${files.join(', ')}` : ''}` };
  }
  return { ok: true, example: { id: `${type}/${file}`, type, file, text: readFileSync(path.join(examplesDir(type, root), file), 'utf8') } };
}

/** An example's text indented as the gallery shows it (as written when it is not JSON). */
export function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
