#!/usr/bin/env node
// Runs the bundled CLI (dist/, built on install) while it is up to date with the
// sources; otherwise the TypeScript sources through tsx, so an edit is never ignored.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { newestSourceMtime } from './source-stamp.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundle = path.join(root, 'dist', 'amdahl-pages.mjs');
const stampFile = path.join(root, 'dist', 'amdahl-pages.stamp');

function bundleIsFresh() {
  if (process.env.AMDAHL_CLI_FROM_SOURCE || !existsSync(bundle) || !existsSync(stampFile)) return false;
  return Number(readFileSync(stampFile, 'utf8')) >= newestSourceMtime(root);
}

let main;
if (bundleIsFresh()) {
  ({ main } = await import(pathToFileURL(bundle).href));
} else {
  const { register } = await import('tsx/esm/api');
  // The project's tsconfig wherever the command runs from (JSX of the views rendered by `test`).
  register({ tsconfig: path.join(root, 'tsconfig.json') });
  ({ main } = await import(pathToFileURL(path.join(root, 'cli', 'main.ts')).href));
}
const code = await main(process.argv.slice(2));
// Exit as soon as the output is flushed: left to itself, Node waits a further quarter
// second for the SQL parser's WebAssembly background compilation before it ends.
process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
