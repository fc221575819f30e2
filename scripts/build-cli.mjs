#!/usr/bin/env node
/**
 * Bundles the CLI into dist/amdahl-pages.mjs so it starts in a fraction of
 * the time tsx needs to compile the sources. bin/amdahl-pages.mjs uses the
 * bundle only while it is newer than every source it was built from.
 */
import { execFileSync } from 'node:child_process';
import { build } from 'esbuild';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { newestSourceMtime } from '../bin/source-stamp.mjs';

const root = path.resolve(import.meta.dirname, '..');
const generated = path.join(root, 'dist', 'gen');
execFileSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', 'gen-validators.ts'), generated], { cwd: root, stdio: 'inherit' });

/** Swaps the empty source module for the generated, precompiled validators. */
const precompiled = {
  name: 'precompiled-validators',
  setup(b) {
    b.onResolve({ filter: /precompiled-validators$/ }, () => ({ path: path.join(generated, 'precompiled-validators.mjs') }));
  },
};

/** `amdahl-pages test` renders the catalog's views; their CSS modules become class-name objects (markup is read, never styled). */
const cssModules = {
  name: 'css-modules-as-names',
  setup(b) {
    b.onLoad({ filter: /\.css$/ }, () => ({
      contents: 'export default new Proxy({}, { get: (_, key) => (typeof key === "string" ? key : undefined) });',
      loader: 'js',
    }));
  },
};

// Chunks sit beside the entries: the validate worker is found relative to the module that starts it.
await build({
  plugins: [precompiled, cssModules],
  entryPoints: { 'amdahl-pages': path.join(root, 'cli', 'main.ts'), 'validate-worker': path.join(root, 'cli', 'validate-worker.ts') },
  outdir: path.join(root, 'dist'),
  outExtension: { '.js': '.mjs' },
  // Commands load on use; splitting keeps the renderer (React, recharts) out of validate's start-up.
  splitting: true,
  chunkNames: 'chunk-[hash]',
  jsx: 'automatic',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // libpg-query loads its WASM beside its own module; PGlite likewise (platform serve).
  external: ['libpg-query', '@electric-sql/pglite', '@electric-sql/pglite/*'],
  banner: { js: "import { createRequire as __amdahlCreateRequire } from 'node:module'; const require = __amdahlCreateRequire(import.meta.url);" },
  mainFields: ['module', 'main'],
  logLevel: 'warning',
  minifySyntax: true,
});
writeFileSync(path.join(root, 'dist', 'amdahl-pages.stamp'), String(newestSourceMtime(root)));
console.log('built dist/amdahl-pages.mjs');
