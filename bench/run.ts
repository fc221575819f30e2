/**
 * `npm run bench`: validation speed, measured in one run so the ratios hold
 * on a noisy machine.
 *
 * 1. The CLI's full check (JSON with positions, schema, semantics, SQL parse)
 *    of 1,000 dashboard files, side by side with ajv-cli's schema-only pass
 *    over the same files and the same generated schema. Target: ratio <= 1.
 * 2. In-process throughput of validatePage on one core over typical
 *    dashboards (30 nodes, 5 queries). Target: >= 5,000 specs a second.
 *    Reported twice: every query's SQL new to the process (cold: each
 *    statement parsed), and the same specs again (warm: the SQL check is
 *    cached by text, as in an editor session or a CI run over pages that
 *    share queries).
 * 3. Embed throughput beside a static asset's on the same server (bench/embed.ts).
 * 4. The render path: as slow as its slowest query, one platform call per
 *    query, a warm page far faster than a cold one (bench/render.ts).
 * 5. The studio's preview after a spec-only edit beside a full re-run (bench/studio-preview.ts).
 * 6. The shared query cache in Redis beside the in-process one (bench/redis-cache.ts).
 * 7. Keystroke-to-preview latency in the studio, in headless Chromium (bench/studio-latency.ts).
 * 8. One completion or hover request in the studio's editor (bench/editor-intel.ts).
 * 9. One screen of the pages list, filtered by the platform or by the studio (bench/pages-list.ts).
 * 10. The amdahl-pages package installed into an empty folder: install time and size against this
 *     repository's node_modules, cold `validate` of one file against `node -e 0` (bench/cli-package.ts).
 * 11. An embed with one BarChart in Chromium: its JavaScript, first contentful paint, and its chart painted before recharts has loaded (bench/embed-first-paint.ts).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { catalog } from '../catalog';
import { clearSqlCache, loadSqlParser } from '../lib/spec/sql-check';
import { prepareCatalog, validatePage } from '../lib/spec/validate';
import { dashboard } from './dashboard';
import { benchCliPackage } from './cli-package';
import { benchEditorIntel } from './editor-intel';
import { benchEmbed } from './embed';
import { benchEmbedFirstPaint } from './embed-first-paint';
import { benchPagesAsCode } from './pages-as-code';
import { benchPagesList } from './pages-list';
import { benchRedisCache } from './redis-cache';
import { benchRender } from './render';
import { benchStudioLatency } from './studio-latency';
import { benchStudioPreview } from './studio-preview';

const ROOT = path.resolve(import.meta.dirname, '..');
const OUT = path.join(ROOT, 'bench', 'out', 'specs');
const FILES = 1000;

function countNodes(node: { children?: unknown[] }): number {
  return 1 + (node.children ?? []).reduce<number>((n, c) => n + countNodes(c as { children?: unknown[] }), 0);
}

function timeCommand(label: string, command: string, args: string[], runs = 3): number {
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const started = performance.now();
    const result = spawnSync(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
    times.push(performance.now() - started);
    if (result.status !== 0) {
      throw new Error(`${label} exited ${result.status}: ${result.stderr.toString().slice(0, 2000)}${result.stdout.toString().slice(0, 2000)}`);
    }
  }
  return Math.min(...times);
}

async function main(): Promise<void> {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const texts: string[] = [];
  for (let i = 0; i < FILES; i++) {
    const text = `${JSON.stringify(dashboard(i), null, 2)}\n`;
    texts.push(text);
    writeFileSync(path.join(OUT, `dashboard-${String(i).padStart(4, '0')}.json`), text);
  }
  const sample = dashboard(0) as { spec: { root: { children?: unknown[] } }; declared_queries: unknown[] };
  console.log(`${FILES} dashboards, ${countNodes(sample.spec.root)} nodes and ${sample.declared_queries.length} queries each, in ${path.relative(ROOT, OUT)}`);

  // The files must be valid, or the comparison would time error reporting.
  await loadSqlParser();
  const dirty = texts.map((t) => validatePage(t, catalog)).filter((d) => d.length > 0);
  if (dirty.length > 0) throw new Error(`generated specs are not clean: ${JSON.stringify(dirty[0]).slice(0, 500)}`);
  clearSqlCache();

  // 1. CLI against ajv-cli, same schema, same files, best of three each.
  execFileSync(process.execPath, [path.join(ROOT, 'packages', 'cli', 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'ignore' });
  const cli = timeCommand('amdahl-pages', process.execPath, ['packages/cli/bin/amdahl-pages.mjs', 'validate', '--format', 'json', path.relative(ROOT, OUT)]);
  const ajv = timeCommand('ajv-cli', process.execPath, ['node_modules/ajv-cli/dist/index.js', 'validate', '-s', 'schema/page.schema.json', '-d', `${path.relative(ROOT, OUT)}/*.json`, '--spec=draft7', '--strict=false', '--errors=no']);
  console.log('\nCLI over 1,000 files (process start included, best of 3):');
  console.log(`  amdahl-pages validate (schema + semantics + positions + SQL parse): ${cli.toFixed(0)} ms`);
  console.log(`  ajv-cli validate (schema only):                                     ${ajv.toFixed(0)} ms`);
  console.log(`  ratio amdahl-pages / ajv-cli: ${(cli / ajv).toFixed(2)} (target <= 1.00: ${cli <= ajv ? 'met' : 'NOT met'})`);

  // 2. In-process, one core.
  prepareCatalog(catalog);
  for (let i = 0; i < 50; i++) validatePage(texts[i]!, catalog);
  clearSqlCache();
  let started = performance.now();
  for (const text of texts) validatePage(text, catalog);
  const cold = performance.now() - started;
  const rounds = 3;
  started = performance.now();
  for (let r = 0; r < rounds; r++) for (const text of texts) validatePage(text, catalog);
  const warm = (performance.now() - started) / rounds;
  const coldRate = (FILES / cold) * 1000;
  const warmRate = (FILES / warm) * 1000;
  console.log('\nIn process, one core, typical dashboards:');
  console.log(`  cold (every SQL statement parsed):  ${coldRate.toFixed(0)} specs/s (${(cold / FILES).toFixed(3)} ms each)`);
  console.log(`  warm (SQL checks cached by text):   ${warmRate.toFixed(0)} specs/s (${(warm / FILES).toFixed(3)} ms each)`);
  console.log(`  target >= 5,000 specs/s: cold ${coldRate >= 5000 ? 'met' : 'NOT met'}, warm ${warmRate >= 5000 ? 'met' : 'NOT met'}`);
  const memory = process.memoryUsage();
  console.log(`  heap used ${(memory.heapUsed / 1e6).toFixed(0)} MB, rss ${(memory.rss / 1e6).toFixed(0)} MB`);
}

await main();
await benchCliPackage(OUT);
await benchPagesAsCode();
await benchRender();
await benchEmbed();
await benchEmbedFirstPaint();
await benchPagesList();
benchEditorIntel();
await benchStudioPreview();
await benchRedisCache();
await benchStudioLatency();
