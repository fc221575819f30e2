/**
 * Writes the files generated from the catalog and the diagnostics model:
 * schema/page.schema.json and docs/diagnostics.md. `--check` fails when a
 * checked-in copy is stale, so CI notices a change without its output.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { catalog } from '../catalog';
import { DIAGNOSTIC_CODES, WARNING_CODES, type DiagnosticCode } from '../lib/spec/diagnostics';
import { pageJsonSchema } from '../lib/spec/json-schema';

const root = path.join(import.meta.dirname, '..');

function diagnosticsDoc(): string {
  const rows = Object.entries(DIAGNOSTIC_CODES).map(([code, meaning]) => `| \`${code}\` | ${WARNING_CODES.has(code as DiagnosticCode) ? 'warning' : 'error'} | ${meaning} |`);
  return [
    '# Diagnostic codes',
    '',
    'Every check — in the studio, the app\'s and the local platform\'s validate routes, and the CLI — reports one record:',
    '',
    '```json',
    '{ "code": "unbound-query", "severity": "error", "message": "…", "pointer": "/spec/root/children/0/props/data/$query",',
    '  "line": 12, "column": 25, "endLine": 12, "endColumn": 36, "hint": "did you mean \\"by_channel\\"?" }',
    '```',
    '',
    '`pointer` is an RFC 6901 pointer into the document as it was given; `line` and `column` are 1-based and present when the input was text.',
    '`suggestion`, present with a "did you mean" hint, is the exact replacement for the string at `pointer` (its key when the problem is an unknown key): the studio\'s quick fixes apply it.',
    'Codes are stable. This table is generated from `lib/spec/diagnostics.ts` by `npm run schema`.',
    '',
    '| code | severity | meaning |',
    '|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

const outputs: [string, string][] = [
  [path.join(root, 'schema', 'page.schema.json'), `${JSON.stringify(pageJsonSchema(catalog), null, 2)}\n`],
  [path.join(root, 'docs', 'diagnostics.md'), diagnosticsDoc()],
];

let stale = 0;
for (const [file, text] of outputs) {
  const name = path.relative(root, file);
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(file, 'utf8');
    } catch {
      // missing counts as stale
    }
    if (current !== text) {
      console.error(`${name} is stale: run \`npm run schema\` and commit the result`);
      stale++;
    } else console.log(`${name} is up to date`);
  } else {
    writeFileSync(file, text);
    console.log(`wrote ${name}`);
  }
}
if (stale > 0) process.exit(1);
