#!/usr/bin/env node
/**
 * `npm run pack:cli`: builds the package into a staging folder (build/cli-stage:
 * package.json, README, bin, dist, schema, licences) and leaves exactly one
 * installable tarball in build/cli-pack/ (amdahl-pages-<version>.tgz). The
 * repository's own packages/cli/dist is left alone.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

const pkg = path.resolve(import.meta.dirname, '..');
const root = path.resolve(pkg, '..', '..');
const stage = path.join(root, 'build', 'cli-stage');
const out = path.join(root, 'build', 'cli-pack');

rmSync(stage, { recursive: true, force: true });
execFileSync(process.execPath, [path.join(pkg, 'scripts', 'build.mjs'), '--out', stage], { stdio: ['ignore', 'ignore', 'inherit'] });
for (const file of ['package.json', 'README.md', path.join('bin', 'amdahl-pages.mjs')]) cpSync(path.join(pkg, file), path.join(stage, file));

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
// npm_config_* from a surrounding `npm run` (workspace, dry run) must not change what is packed.
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.toLowerCase().startsWith('npm_config_')));
execFileSync('npm', ['pack', '--pack-destination', out, '--silent'], { cwd: stage, env, stdio: ['ignore', 'ignore', 'inherit'] });
const tarballs = readdirSync(out).filter((f) => f.endsWith('.tgz'));
if (tarballs.length !== 1) throw new Error(`expected one tarball in ${out}, found ${tarballs.length}`);
const tarball = path.join(out, tarballs[0]);
console.log(`${path.relative(process.cwd(), tarball)} (${(statSync(tarball).size / 1024).toFixed(0)} KB)`);
