/**
 * Writes schema/page.schema.json from the catalog; `--check` fails when the
 * checked-in file is stale, so CI notices a catalog change without its schema.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { catalog } from '../catalog';
import { pageJsonSchema } from '../lib/spec/json-schema';

const file = path.join(import.meta.dirname, '..', 'schema', 'page.schema.json');
const text = `${JSON.stringify(pageJsonSchema(catalog), null, 2)}\n`;
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(file, 'utf8');
  } catch {
    // missing counts as stale
  }
  if (current !== text) {
    console.error('schema/page.schema.json is stale: run `npm run schema` and commit the result');
    process.exit(1);
  }
  console.log('schema/page.schema.json is up to date');
} else {
  writeFileSync(file, text);
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}
