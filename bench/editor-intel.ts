/**
 * `npx tsx bench/editor-intel.ts`: what one completion, hover or F12 request
 * costs in the studio's editor, which re-reads the page's JSON on each
 * (components/studio/editor-intel: jsonc-parser's tree, the declared queries
 * and bindings, the cursor's place). Measured beside JSON.parse of the same
 * text in the same run, so the ratio holds on a noisy machine.
 * Targets: a typical dashboard (30 nodes) under one frame (16 ms); a page of
 * 1,000 nodes (263 KB) at most 3x jsonc-parser's own parse of it, since the
 * tree is the floor (measured here: about 2x; 25 to 50 ms on a loaded machine).
 */
import { pathToFileURL } from 'node:url';
import { parseTree } from 'jsonc-parser';
import { catalog } from '../catalog';
import { locate, readFacts } from '../components/studio/editor-intel/json-location';
import { columnsOfFromSchema } from '../components/studio/editor-intel/schema-facts';
import { pageJsonSchema } from '../lib/spec/json-schema';

const columnsOf = columnsOfFromSchema(pageJsonSchema(catalog));

function page(charts: number): string {
  const queries = Array.from({ length: 10 }, (_, i) => ({ name: `q${i}`, source: 'sql', sql: `SELECT channel, COUNT(*) AS events FROM interactions WHERE duration_s > ${i} GROUP BY channel` }));
  const children = Array.from({ length: charts }, (_, i) => ({ type: 'BarChart', props: { title: `Chart ${i}`, data: { $query: `q${i % 10}` }, x: 'channel', y: ['events'] } }));
  return JSON.stringify({ name: 'Bench', tags: [], declared_queries: queries, spec: { version: 1, layout: 'dashboard', root: { type: 'Section', children } } }, null, 2);
}

function time(label: string, runs: number, fn: () => void): number {
  for (let i = 0; i < Math.min(20, runs); i++) fn();
  const start = performance.now();
  for (let i = 0; i < runs; i++) fn();
  const ms = (performance.now() - start) / runs;
  console.log(`${label}: ${ms.toFixed(3)} ms`);
  return ms;
}

export function benchEditorIntel(): void {
  console.log('\n== The studio editor\'s intel: one completion/hover request ==');
  let failed = false;
  for (const nodes of [30, 1000]) {
    const text = page(nodes);
    // The cursor in the last chart's "x": the deepest, last place to find.
    const offset = text.lastIndexOf('"x": "channel"') + 7;
    const runs = nodes > 100 ? 50 : 500;
    console.log(`\n${nodes} nodes, ${(text.length / 1024).toFixed(0)} KB of JSON`);
    const parse = time('  JSON.parse (baseline)', runs, () => JSON.parse(text));
    const tree = time('  jsonc-parser parseTree alone', runs, () => parseTree(text));
    const request = time('  one request (readFacts + locate)', runs, () => {
      const target = locate(text, offset, columnsOf, readFacts(text));
      if (target.kind !== 'column' || target.query !== `q${(nodes - 1) % 10}`) throw new Error(`wrong target ${JSON.stringify(target)}`);
    });
    console.log(`  ratio to JSON.parse: ${(request / parse).toFixed(1)}x; to parseTree alone: ${(request / tree).toFixed(1)}x`);
    if (nodes === 30 && request > 16) failed = true;
    if (nodes === 1000 && request > 3 * tree) failed = true;
  }
  console.log(failed ? '\nFAIL: over target' : '\nOK: within target');
  if (failed) process.exitCode = 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) benchEditorIntel();
