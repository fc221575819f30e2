/**
 * The studio's preview after an edit, through the host over the embedded
 * local platform (PGlite), with the server's result cache off: an edit that
 * changes only the spec (the studio sends the result keys it holds) beside
 * one that changes every query's SQL (all five run). Same page shape, same
 * run, medians of 15; the platform's query log counts what each sent.
 * Target: a spec-only edit sends 0 queries and costs at most a fifth of a
 * full re-run.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { catalog } from '../catalog';
import { createHost } from '../lib/host/host';

const ROUNDS = 15;

function page(title: string, round: number): string {
  const since = `TIMESTAMP '2026-11-01' - INTERVAL '${30 + round} days'`;
  const sql = [
    `SELECT COUNT(*) AS interactions, ROUND(AVG(csat), 2) AS avg_csat FROM interactions WHERE occurred_at >= ${since}`,
    `SELECT channel, COUNT(*) AS events FROM interactions WHERE occurred_at >= ${since} GROUP BY channel ORDER BY events DESC`,
    `SELECT date_trunc('day', occurred_at) AS day, COUNT(*) AS events FROM interactions WHERE occurred_at >= ${since} GROUP BY 1 ORDER BY 1`,
    `SELECT topic, ROUND(AVG(sentiment_score)::numeric, 3) AS sentiment FROM interactions WHERE occurred_at >= ${since} GROUP BY topic`,
    `SELECT id, occurred_at, channel, topic, csat FROM interactions WHERE csat IS NOT NULL AND occurred_at >= ${since} ORDER BY occurred_at DESC LIMIT 50`,
  ];
  return JSON.stringify({
    name: 'Bench',
    tags: [],
    declared_queries: sql.map((s, i) => ({ name: `q${i}`, source: 'sql', sql: s })),
    spec: {
      version: 1,
      root: {
        type: 'Section',
        props: { title },
        children: [
          { type: 'Stat', props: { label: 'Interactions', value: { $value: { query: 'q0', field: 'interactions' } } } },
          { type: 'BarChart', props: { data: { $query: 'q1' }, x: 'channel', y: 'events' } },
          { type: 'LineChart', props: { data: { $query: 'q2' }, x: 'day', y: 'events' } },
          { type: 'Table', props: { data: { $query: 'q3' } } },
          { type: 'Table', props: { data: { $query: 'q4' } } },
        ],
      },
    },
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function benchStudioPreview(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'amdahl-bench-preview-'));
  const log = path.join(dir, 'queries.log');
  const host = createHost({ catalog, env: { AMDAHL_LOCAL_DIR: dir, AMDAHL_LOCAL_QUERY_LOG: log, AMDAHL_QUERY_CACHE_MS: '0' } });
  const logged = () => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean).length : 0);
  try {
    await host.local!.ready();
    await host.preview(page('warm-up', -1), {}, { known: [] });
    const full: number[] = [];
    const specOnly: number[] = [];
    let fullQueries = 0;
    let specOnlyQueries = 0;
    for (let round = 0; round < ROUNDS; round++) {
      // Every query's SQL is new this round: all five run.
      let before = logged();
      let started = performance.now();
      const first = await host.preview(page('A', round), {}, { known: [] });
      full.push(performance.now() - started);
      fullQueries += logged() - before;
      // The title alone changes; the studio holds every key.
      before = logged();
      started = performance.now();
      await host.preview(page('B', round), {}, { known: Object.values(first.render!.keys!) });
      specOnly.push(performance.now() - started);
      specOnlyQueries += logged() - before;
    }
    const ratio = median(specOnly) / median(full);
    console.log('\nStudio preview after an edit (5 queries, server cache off, median of 15):');
    console.log(`  every SQL changed: ${median(full).toFixed(1)} ms, ${fullQueries / ROUNDS} platform queries per preview`);
    console.log(`  spec only:         ${median(specOnly).toFixed(1)} ms, ${specOnlyQueries / ROUNDS} platform queries per preview`);
    console.log(`  ratio spec-only / full: ${ratio.toFixed(3)} (target: 0 queries and <= 0.20: ${specOnlyQueries === 0 && ratio <= 0.2 ? 'met' : 'NOT met'})`);
  } finally {
    await host.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchStudioPreview();
