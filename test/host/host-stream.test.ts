/**
 * host().stream over the real local platform, with its test-only delay
 * comments: the render is answered once the page is checked, before any
 * query is done; each name's outcome settles when its own query answers, so
 * the fast ones do not wait for the slow one; host().render gives the same
 * outcomes, all settled.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalog } from '../../catalog';
import { createHost, type Host } from '../../lib/host/host';

let host: Host;

beforeAll(async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'amdahl-host-stream-'));
  host = createHost({ catalog, env: { AMDAHL_LOCAL_DIR: dir, AMDAHL_LOCAL_QUERY_DELAY_COMMENTS: '1', AMDAHL_QUERY_CACHE_MS: '0' } });
  await host.local!.ready();
}, 180_000);

afterAll(async () => {
  await host?.close();
});

const stored = {
  id: 'stream-test',
  name: 'Stream',
  tags: [],
  declared_queries: [
    { name: 'slow', source: 'sql' as const, sql: "/* delay:1500 */ SELECT COUNT(*) AS n FROM interactions WHERE channel = 'chat'" },
    { name: 'fast_a', source: 'sql' as const, sql: "/* delay:20 */ SELECT COUNT(*) AS n FROM interactions WHERE channel = 'email'" },
    { name: 'fast_b', source: 'sql' as const, sql: "/* delay:20 */ SELECT COUNT(*) AS n FROM interactions WHERE channel = 'phone'" },
  ],
  spec: {
    version: 1,
    root: {
      type: 'Section',
      props: { title: 'Stream' },
      children: ['slow', 'fast_a', 'fast_b'].map((q) => ({ type: 'Stat', props: { label: q, value: { $value: { query: q, field: 'n' } } } })),
    },
  },
};

describe('host().stream', () => {
  it('answers before the queries, and settles each one as it answers', async () => {
    const streamed = await host.stream(stored as never);
    const order: string[] = [];
    const all = Object.entries(streamed.outcomes).map(([name, p]) => p.then((o) => order.push(`${name}:${o.ok ? 'ok' : 'failed'}`)));
    // A turn of the event loop after the answer: the slow query (1.5 s) cannot be done yet.
    await new Promise((r) => setTimeout(r, 0));
    expect(order).not.toContain('slow:ok');
    await Promise.all(all);
    expect(order.slice(0, 2).sort()).toEqual(['fast_a:ok', 'fast_b:ok']);
    expect(order[2]).toBe('slow:ok');
    expect(streamed.diagnostics).toEqual([]);

    const rendered = await host.render(stored as never);
    const rows = (name: string) => {
      const o = rendered.outcomes[name]!;
      return o.ok ? o.result.rows : o.error;
    };
    for (const [name, p] of Object.entries(streamed.outcomes)) {
      const o = await p;
      expect(o.ok && o.result.rows, name).toEqual(rows(name));
    }
  });
});
