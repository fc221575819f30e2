#!/usr/bin/env node
/**
 * Builds the `amdahl-pages` package's dist/: the CLI bundled from the
 * repository's one source (packages/cli/src, lib/, catalog/, the page
 * renderer in components/) with every pure-JavaScript dependency inside, so
 * an install brings only the two WebAssembly packages (libpg-query, PGlite).
 * Also copies what the bundle reads from disk (the local platform's database
 * worker, templates and seed pages; the page JSON Schema) and writes
 * THIRD-PARTY-LICENSES.md for what it bundled.
 *
 * bin/amdahl-pages.mjs uses the bundle while it is newer than every source.
 *
 * `--out <dir>` writes dist/, schema/ and the licences there instead of into
 * packages/cli (scripts/pack.mjs stages the tarball's contents so, leaving
 * the bundle that the repository's own `amdahl-pages` runs untouched).
 */
import { execFileSync } from 'node:child_process';
import { build } from 'esbuild';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { newestSourceMtime } from '../bin/source-stamp.mjs';

const pkg = path.resolve(import.meta.dirname, '..');
const root = path.resolve(pkg, '..', '..');
const outFlag = process.argv.indexOf('--out');
const out = outFlag > 0 ? path.resolve(process.argv[outFlag + 1]) : pkg;
const dist = path.join(out, 'dist');
const generated = path.join(out, 'dist-gen');
// Built aside, then swapped in: a CLI started meanwhile never finds half a bundle.
const building = path.join(out, 'dist-building');

/** Packages a CI job must not install or carry: the studio's. */
export const FORBIDDEN = ['next', 'monaco-editor', 'recharts', '@monaco-editor/react', 'ioredis'];
/** Loaded from their own folders at run time (WebAssembly beside the module): installed, not bundled. */
const EXTERNAL = ['libpg-query', '@electric-sql/pglite'];

rmSync(building, { recursive: true, force: true });
execFileSync(process.execPath, ['--import', 'tsx', path.join(pkg, 'scripts', 'gen-validators.ts'), generated], { cwd: root, stdio: 'inherit' });

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

/** recharts draws nothing on a server: the CLI renders with what it does draw there (src/render/recharts-on-server.tsx). */
const rechartsOnServer = {
  name: 'recharts-on-server',
  setup(b) {
    b.onResolve({ filter: /^recharts$/ }, () => ({ path: path.join(pkg, 'src', 'render', 'recharts-on-server.tsx') }));
  },
};

/** The app's view registry loads views with next/dynamic; the CLI's (src/render/catalog-views.ts) with React.lazy. */
const viewsWithoutNext = {
  name: 'views-without-next',
  setup(b) {
    b.onResolve({ filter: /\/catalog\/views$/ }, () => ({ path: path.join(pkg, 'src', 'render', 'catalog-views.ts') }));
  },
};

/**
 * zod re-exports every locale as `z.locales` (about 290 KB, a fifth of what
 * `validate` loads); zod itself configures English from its own file, and
 * nothing here reads `z.locales`. The CLI keeps English alone.
 */
const englishOnly = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/](classic|core)$/.test(args.resolveDir) ? { path: path.join(args.resolveDir, '..', 'locales', 'en-only.js'), namespace: 'zod-locales' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: 'export { default as en } from "./en.js";',
      resolveDir: path.dirname(args.path),
      loader: 'js',
    }));
  },
};

// Chunks sit beside the entries: the validate worker is found relative to the module that starts it.
const result = await build({
  plugins: [precompiled, cssModules, rechartsOnServer, viewsWithoutNext, englishOnly],
  entryPoints: { 'amdahl-pages': path.join(pkg, 'src', 'main.ts'), 'validate-worker': path.join(pkg, 'src', 'validate-worker.ts') },
  outdir: building,
  outExtension: { '.js': '.mjs' },
  // Commands load on use; splitting keeps the renderer (React) out of validate's start-up.
  splitting: true,
  chunkNames: 'chunk-[hash]',
  jsx: 'automatic',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: EXTERNAL,
  define: { 'process.env.NODE_ENV': '"production"' },
  banner: { js: "import { createRequire as __amdahlCreateRequire } from 'node:module'; const require = __amdahlCreateRequire(import.meta.url);" },
  mainFields: ['module', 'main'],
  logLevel: 'warning',
  minifySyntax: true,
  minifyWhitespace: true,
  legalComments: 'none',
  metafile: true,
});

/** The npm package an input path belongs to (`node_modules/@scope/name/...`), if any. */
function packageOf(input) {
  const m = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
  return m?.[1];
}

const bundled = new Map();
for (const input of Object.keys(result.metafile.inputs)) {
  const name = packageOf(input);
  if (!name) continue;
  const dir = input.slice(0, input.lastIndexOf(`node_modules/${name}/`) + `node_modules/${name}`.length);
  bundled.set(name, path.resolve(root, dir));
}
// AMDAHL_CLI_METAFILE=<file>: esbuild's metafile, to see what each chunk holds (esbuild's analyzer reads it).
if (process.env.AMDAHL_CLI_METAFILE) writeFileSync(process.env.AMDAHL_CLI_METAFILE, JSON.stringify(result.metafile));
const forbidden = [...bundled.keys()].filter((name) => FORBIDDEN.includes(name));
if (forbidden.length) throw new Error(`the CLI bundle must not contain ${forbidden.join(', ')}: something in its import graph reaches the studio`);

/** Each bundled package's name, version, licence and licence text, for the notice the licences ask to keep. */
function licenceNotice() {
  const sections = [...bundled.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([name, dir]) => {
    const meta = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
    const file = ['LICENSE', 'LICENSE.md', 'LICENSE.txt', 'license', 'LICENCE', 'license.md'].map((f) => path.join(dir, f)).find((f) => existsSync(f));
    const text = file ? readFileSync(file, 'utf8').trim() : `(no licence file; package.json says ${meta.license ?? 'nothing'})`;
    return `## ${name} ${meta.version} (${meta.license ?? 'unknown'})\n\n\`\`\`\n${text}\n\`\`\`\n`;
  });
  return `# Third-party licences\n\nThe \`amdahl-pages\` bundle (dist/) contains these packages.\n\n${sections.join('\n')}`;
}
writeFileSync(path.join(out, 'THIRD-PARTY-LICENSES.md'), licenceNotice());

// What the bundle reads from disk beside itself: lib/local-platform/options.ts `locate()` looks there first.
for (const name of ['db-worker.mjs', 'templates', 'seed-pages']) {
  cpSync(path.join(root, 'lib', 'local-platform', name), path.join(building, name), { recursive: true });
}
mkdirSync(path.join(out, 'schema'), { recursive: true });
cpSync(path.join(root, 'schema', 'page.schema.json'), path.join(out, 'schema', 'page.schema.json'));
rmSync(generated, { recursive: true, force: true });

writeFileSync(path.join(building, 'amdahl-pages.stamp'), String(newestSourceMtime(root)));
rmSync(dist, { recursive: true, force: true });
renameSync(building, dist);
console.log(`built ${path.relative(process.cwd(), dist) || dist} (${bundled.size} packages bundled)`);
