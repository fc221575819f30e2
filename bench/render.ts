/**
 * The render path's speed, through the real host (lib/host: validate, plan,
 * run through the query cache, the embedded platform over PGlite), measured
 * in one run so the ratios hold on a noisy machine. The local platform adds
 * a fixed delay to every statement (AMDAHL_LOCAL_QUERY_DELAY_MS), as a
 * remote platform's latency would. The delay is outside the database, so
 * delayed statements overlap; the database itself (PGlite) runs one
 * statement at a time, each with its own transaction, role and cursor, so
 * 8 statements cost 8 times that floor whatever the render path does. The
 * run measures that floor too (statements marked `/* delay:0 *\/`) and says
 * how much of (a) it is.
 *
 * a. A page of 8 distinct queries against the slowest of the same 8 alone.
 *    Target: ratio <= 1.2 (the slowest query, not the sum).
 * b. 8 nodes bound to one query: platform calls counted in the platform's
 *    query log, for one render and for 8 concurrent cold renders. Target: 1.
 * c. A warm page (answers in the query cache) against the same page cold.
 *    Target: warm at least 20 times faster.
 *
 * `npm run bench` runs it with the rest; `npx tsx bench/render.ts` alone.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { catalog } from '../catalog';
import { createHost, type Host } from '../lib/host/host';
import type { Page as StoredPage } from '../lib/platform';

const DELAY_MS = 2000;
const ROUNDS = 3;
const WARM_RENDERS = 20;

interface Query {
  name: string;
  sql: string;
}

/** A cheap statement of its own: `k` makes the SQL, and so the cache key, new. `undelayed` skips the platform's delay. */
function query(name: string, k: number, undelayed = false): Query {
  return { name, sql: `${undelayed ? '/* delay:0 */ ' : ''}SELECT COUNT(*) AS n FROM (SELECT 1 FROM interactions LIMIT ${k}) AS s` };
}

/** A page of Stat nodes, the i-th bound to queries[bindings[i]]. */
async function createPage(host: Host, name: string, queries: Query[], bindings: number[]): Promise<StoredPage> {
  const children = bindings.map((q, i) => ({ type: 'Stat', props: { label: `Stat ${i}`, value: { $value: { query: queries[q]!.name, field: 'n' } } } }));
  return host.client.createPage({
    name,
    tags: ['bench'],
    declared_queries: queries.map((q) => ({ name: q.name, source: 'sql' as const, sql: q.sql })),
    spec: { version: 1, layout: 'dashboard', root: { type: 'Section', props: { title: name }, children } },
  });
}

async function timed(render: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await render();
  return performance.now() - started;
}

/** Every outcome must be a result: a failed query is fast and would flatter the figures. */
async function renderOk(host: Host, page: StoredPage): Promise<void> {
  const data = await host.render(page);
  const failed = Object.entries(data.outcomes).filter(([, o]) => !o.ok);
  if (failed.length > 0) throw new Error(`bench page ${page.name}: ${JSON.stringify(failed).slice(0, 500)}`);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

export async function benchRender(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'amdahl-bench-render-'));
  const log = path.join(dir, 'queries.log');
  const calls = () => {
    try {
      return readFileSync(log, 'utf8').split('\n').filter(Boolean).length;
    } catch {
      return 0;
    }
  };
  const host = createHost({
    catalog,
    env: { AMDAHL_LOCAL_DIR: dir, AMDAHL_LOCAL_QUERY_DELAY_MS: String(DELAY_MS), AMDAHL_LOCAL_QUERY_DELAY_COMMENTS: '1', AMDAHL_LOCAL_QUERY_LOG: log, AMDAHL_QUERY_CACHE_MS: '600000' },
  });
  try {
    await host.local!.ready();
    // Warm the process (SQL parser, zod, the database's caches) on a page of its own.
    await renderOk(host, await createPage(host, 'Warm-up', [query('w', 1)], [0]));

    // a. 8 distinct queries on one page, against each of them alone.
    const together: number[] = [];
    const slowestAlone: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const alone: number[] = [];
      for (const i of range(8)) {
        const page = await createPage(host, `Alone ${r}.${i}`, [query('q', 1000 + r * 100 + i)], [0]);
        alone.push(await timed(() => renderOk(host, page)));
      }
      const queries = range(8).map((i) => query(`q${i}`, 2000 + r * 100 + i));
      const page = await createPage(host, `Eight ${r}`, queries, range(8));
      together.push(await timed(() => renderOk(host, page)));
      slowestAlone.push(Math.max(...alone));
    }
    // The database's own floor: the same shape of page with no delay, against one such statement alone.
    const floorTogether: number[] = [];
    const floorAlone: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const alone = await createPage(host, `Floor alone ${r}`, [query('q', 5000 + r * 100, true)], [0]);
      floorAlone.push(await timed(() => renderOk(host, alone)));
      const eight = await createPage(host, `Floor eight ${r}`, range(8).map((i) => query(`q${i}`, 6000 + r * 100 + i, true)), range(8));
      floorTogether.push(await timed(() => renderOk(host, eight)));
    }
    const ratioA = median(together) / median(slowestAlone);
    console.log(`\nRender path through lib/host, every platform call delayed ${DELAY_MS} ms (median of ${ROUNDS} rounds):`);
    console.log(`  a. 8 distinct queries on one page: ${median(together).toFixed(0)} ms; slowest of the same kind alone: ${median(slowestAlone).toFixed(0)} ms`);
    console.log(`     ratio ${ratioA.toFixed(2)} (target <= 1.20: ${ratioA <= 1.2 ? 'met' : 'NOT met'}; the sum would be ${(8 * DELAY_MS).toFixed(0)} ms or more)`);
    console.log(`     of which the database's serial floor: 8 undelayed statements ${median(floorTogether).toFixed(0)} ms on one page, one alone ${median(floorAlone).toFixed(0)} ms (PGlite runs one at a time)`);

    // b. 8 nodes bound to one query: one render, then 8 renders at once of a new page.
    const one = await createPage(host, 'Eight nodes one query', [query('shared', 3001)], range(8).map(() => 0));
    let before = calls();
    await renderOk(host, one);
    const single = calls() - before;
    const crowd = await createPage(host, 'Eight nodes, eight viewers', [query('shared', 3002)], range(8).map(() => 0));
    before = calls();
    await Promise.all(range(8).map(() => renderOk(host, crowd)));
    const concurrent = calls() - before;
    const metB = single === 1 && concurrent === 1;
    console.log(`  b. 8 nodes bound to one query: ${single} platform call(s) for one render, ${concurrent} for 8 concurrent cold renders (target 1 each: ${metB ? 'met' : 'NOT met'})`);

    // c. The same page cold (new SQL), then warm (every answer cached).
    const colds: number[] = [];
    const warms: number[] = [];
    let warmCalls = 0;
    for (let r = 0; r < ROUNDS; r++) {
      const page = await createPage(host, `Cold and warm ${r}`, range(5).map((i) => query(`c${i}`, 4000 + r * 100 + i)), range(5));
      colds.push(await timed(() => renderOk(host, page)));
      before = calls();
      const times: number[] = [];
      for (let w = 0; w < WARM_RENDERS; w++) times.push(await timed(() => renderOk(host, page)));
      warmCalls += calls() - before;
      warms.push(median(times));
    }
    const ratioC = median(colds) / median(warms);
    console.log(`  c. page of 5 queries cold: ${median(colds).toFixed(0)} ms; warm: ${median(warms).toFixed(2)} ms (${warmCalls} platform calls in ${ROUNDS * WARM_RENDERS} warm renders)`);
    console.log(`     ratio cold / warm ${ratioC.toFixed(0)} (target >= 20: ${ratioC >= 20 && warmCalls === 0 ? 'met' : 'NOT met'})`);
  } finally {
    await host.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await benchRender();
