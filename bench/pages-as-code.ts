/**
 * `validate --online` over 100 pages that share 20 distinct queries, against
 * the real local platform over HTTP: the platform counts the queries it is
 * sent (target: 20, one per distinct SQL, not one per page or per binding),
 * and the wall time is printed beside the offline run's over the same files.
 * Both are the installed CLI in a child process, best of three.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startCountingPlatform } from '../test/cli/counting-platform';

const ROOT = path.resolve(import.meta.dirname, '..');
const PAGES = 100;
const DISTINCT = 20;
const PER_PAGE = 4;

const DIMENSIONS = ['channel', 'topic', 'sentiment', 'direction', 'deal_stage'];

/** Query i of the shared pool: `SELECT *` from a subquery, so only the platform can say its columns. */
function sharedQuery(i: number): { name: string; sql: string; dimension: string } {
  const dimension = DIMENSIONS[i % DIMENSIONS.length]!;
  const days = 30 + 10 * Math.floor(i / DIMENSIONS.length);
  return {
    name: `q${i}`,
    dimension,
    sql: `SELECT * FROM (SELECT ${dimension}, COUNT(*) AS events, AVG(duration_s) AS avg_duration FROM interactions WHERE occurred_at >= TIMESTAMP '2026-11-01' - INTERVAL '${days} days' GROUP BY 1) t`,
  };
}

function page(p: number): unknown {
  const picked = Array.from({ length: PER_PAGE }, (_, k) => sharedQuery((p * PER_PAGE + k) % DISTINCT));
  return {
    name: `Board ${p}`,
    tags: ['bench'],
    declared_queries: picked.map((q) => ({ name: q.name, source: 'sql', sql: q.sql })),
    spec: {
      version: 1,
      root: {
        type: 'Section',
        props: { title: `Board ${p}` },
        children: picked.flatMap((q) => [
          { type: 'BarChart', props: { data: { $query: q.name }, x: q.dimension, y: ['events'] } },
          { type: 'Table', props: { data: { $query: q.name }, columns: [{ key: q.dimension }, { key: 'avg_duration' }] } },
        ]),
      },
    },
  };
}

function runCli(args: string[], env: Record<string, string>): Promise<{ ms: number; code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [path.join(ROOT, 'packages', 'cli', 'bin', 'amdahl-pages.mjs'), ...args], { cwd: ROOT, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ ms: performance.now() - started, code: code ?? -1, stdout, stderr }));
  });
}

export async function benchPagesAsCode(): Promise<void> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'amdahl-bench-pac-'));
  const dir = path.join(ROOT, 'bench', 'out', 'pages');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (let p = 0; p < PAGES; p++) writeFileSync(path.join(dir, `board-${String(p).padStart(3, '0')}.json`), `${JSON.stringify(page(p), null, 2)}\n`);
  const platform = await startCountingPlatform(path.join(work, 'platform'));
  try {
    const env = { AMDAHL_URL: platform.url, API_KEY: 'amdhl_local_dev' };
    const target = path.relative(ROOT, dir);
    const offline: number[] = [];
    const online: number[] = [];
    const calls: number[] = [];
    for (let r = 0; r < 3; r++) {
      const off = await runCli(['validate', '--format', 'json', target], env);
      if (off.code !== 0) throw new Error(`offline validate exited ${off.code}: ${off.stdout.slice(0, 1000)}${off.stderr.slice(0, 1000)}`);
      offline.push(off.ms);
      platform.reset();
      const on = await runCli(['validate', '--online', '--format', 'json', target], env);
      if (on.code !== 0) throw new Error(`online validate exited ${on.code}: ${on.stdout.slice(0, 1000)}${on.stderr.slice(0, 1000)}`);
      online.push(on.ms);
      calls.push(platform.count('POST /data/query'));
    }
    const best = (xs: number[]) => Math.min(...xs);
    const bindings = PAGES * PER_PAGE * 2;
    console.log(`\nvalidate --online: ${PAGES} pages, ${PER_PAGE} queries each from ${DISTINCT} distinct SQL statements (${PAGES * PER_PAGE} declared, ${bindings} bindings), local platform over HTTP:`);
    console.log(`  platform calls (POST /data/query, counted by the platform), per run: ${calls.join(', ')} (target ${DISTINCT}: ${calls.every((c) => c === DISTINCT) ? 'met' : 'NOT met'})`);
    console.log(`  offline validate:  ${best(offline).toFixed(0)} ms (best of 3, process start included)`);
    console.log(`  online validate:   ${best(online).toFixed(0)} ms (best of 3), ${(best(online) - best(offline)).toFixed(0)} ms more than offline, ratio ${(best(online) / best(offline)).toFixed(2)}`);
  } finally {
    await platform.close();
    rmSync(work, { recursive: true, force: true });
  }
}
