#!/usr/bin/env node
// Installed from the package: runs the bundle in dist/. Inside the Amdahl Pages
// Studio repository (the sources beside it): the bundle while it is newer than
// every source it was built from, else the TypeScript sources through tsx, so
// an edit is never ignored.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const pkg = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundle = path.join(pkg, 'dist', 'amdahl-pages.mjs');
const sources = path.join(pkg, 'src', 'main.ts');
const repoRoot = path.resolve(pkg, '..', '..');

async function bundleIsFresh() {
  if (process.env.AMDAHL_CLI_FROM_SOURCE || !existsSync(bundle)) return false;
  const stampFile = path.join(pkg, 'dist', 'amdahl-pages.stamp');
  if (!existsSync(stampFile)) return false;
  const { newestSourceMtime } = await import('./source-stamp.mjs');
  return Number(readFileSync(stampFile, 'utf8')) >= newestSourceMtime(repoRoot);
}

let main;
if (!existsSync(sources) || (await bundleIsFresh())) {
  ({ main } = await import(pathToFileURL(bundle).href));
} else {
  const { register } = await import('tsx/esm/api');
  // The repository's tsconfig wherever the command runs from (JSX of the views rendered by `test`).
  register({ tsconfig: path.join(repoRoot, 'tsconfig.json') });
  ({ main } = await import(pathToFileURL(sources).href));
}
const code = await main(process.argv.slice(2));
// Exit as soon as the output is flushed: left to itself, Node waits a further quarter
// second for the SQL parser's WebAssembly background compilation before it ends.
process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
