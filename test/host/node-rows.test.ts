/**
 * The full rows behind a chart that drew a reduction, over the real local
 * platform: host.nodeRows answers every row of that node's query (the same
 * execution the page ran, so a fresh result comes from the cache); an embed's
 * grant reaches the rows of its own page only while that page may be shown.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalog } from '../../catalog';
import { createHost, type Host } from '../../lib/host/host';
import { nodeAt } from '../../lib/host/node-rows';
import { csvStream, toCsv } from '../../lib/format/csv';
import type { RenderGrant } from '../../lib/embed/render-grant';
import type { Page } from '../../lib/platform';

let host: Host;
let page: Page;

const body = {
  name: 'Node rows',
  tags: ['node-rows-test'],
  declared_queries: [
    { name: 'calls', source: 'sql' as const, sql: 'SELECT duration_s, sentiment_score, channel FROM interactions ORDER BY id LIMIT 10000' },
    { name: 'by_channel', source: 'sql' as const, sql: 'SELECT channel, COUNT(*) AS n FROM interactions WHERE channel = @channel GROUP BY channel', params: { channel: 'string' as const } },
  ],
  spec: {
    version: 1,
    root: {
      type: 'Section',
      props: { title: 'Node rows' },
      children: [
        { type: 'Heading', props: { text: 'Calls' } },
        { type: 'ScatterChart', props: { title: 'Calls', data: { $query: 'calls' }, x: 'duration_s', y: 'sentiment_score' } },
        { type: 'BarChart', props: { data: { $query: 'by_channel' }, x: 'channel', y: 'n' } },
      ],
    },
  },
};

beforeAll(async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'amdahl-node-rows-'));
  host = createHost({ catalog, env: { AMDAHL_LOCAL_DIR: dir } });
  await host.local!.ready();
  page = await host.client.createPage(body as never);
}, 180_000);

afterAll(async () => {
  await host?.close();
});

describe('nodeAt', () => {
  it('follows a renderer pointer and refuses anything else', () => {
    const root = { type: 'S', props: {}, children: [{ type: 'A', props: {} }, { type: 'B', props: {}, children: [{ type: 'C', props: {} }] }] };
    expect(nodeAt(root, '/root')?.type).toBe('S');
    expect(nodeAt(root, '/root/children/1/children/0')?.type).toBe('C');
    for (const bad of ['', 'root', '/root/children/2', '/root/children/01', '/root/props/0', '/root/children', '/root/children/-1']) expect(nodeAt(root, bad), bad).toBeUndefined();
  });
});

describe('host.nodeRows', () => {
  it('answers every row of the node’s query, and its title', async () => {
    const answer = await host.nodeRows(page, '/root/children/1');
    expect(answer.ok).toBe(true);
    if (!answer.ok) return;
    expect(answer.data.rows.length).toBe(10_000);
    expect(answer.data.columns.map((c) => c.name)).toEqual(['duration_s', 'sentiment_score', 'channel']);
    expect(answer.title).toBe('Calls');
  });

  it('runs with the page’s params', async () => {
    const answer = await host.nodeRows(page, '/root/children/2', { channel: 'email' });
    expect(answer.ok && answer.data.rows).toEqual([{ channel: 'email', n: expect.any(Number) }]);
  });

  it('refuses a pointer to nothing, or to a node that binds no rows', async () => {
    expect(await host.nodeRows(page, '/root/children/9')).toMatchObject({ ok: false, status: 404 });
    expect(await host.nodeRows(page, '/root/children/0')).toMatchObject({ ok: false, status: 404 });
  });
});

describe('an embed grant’s rows', () => {
  const grant = (): RenderGrant => ({ pageId: page.id, pageVersion: 'latest', audience: 'public', params: {}, theme: 'auto', origins: [] });

  it('answers the rows of its page, then nothing from the moment the page is archived', async () => {
    const before = await host.embeds.rows(grant(), '/root/children/1');
    expect(before.ok && before.data.rows.length).toBe(10_000);
    const other = await host.client.createPage({ ...body, name: 'Archived soon' } as never);
    const doomed = { ...grant(), pageId: other.id };
    // Seen once, so the page is in the host's cache when it is archived.
    expect((await host.embeds.render(doomed)).ok).toBe(true);
    await host.client.archivePage(other.id);
    // No webhook has arrived yet: the embedded platform told the host before it answered the archive.
    expect(await host.embeds.render(doomed)).toMatchObject({ ok: false, reason: expect.stringMatching(/^page (404|archived)$/) });
    expect(await host.embeds.rows(doomed, '/root/children/1')).toMatchObject({ ok: false });
  });

  it('refuses a grant pinned to another version of the page', async () => {
    expect(await host.embeds.rows({ ...grant(), pageVersion: 999 }, '/root/children/1')).toMatchObject({ ok: false });
  });
});

describe('csvStream', () => {
  it('is the same CSV as toCsv, led by a byte order mark, whatever the chunk size', async () => {
    const rows = Array.from({ length: 1234 }, (_, i) => ({ a: i, b: i % 7 ? `t${i}` : '=1+1', c: i % 3 ? null : 'x, "y"' }));
    const columns = [{ key: 'a' }, { key: 'b' }, { key: 'c' }];
    for (const per of [1, 500, 5000]) {
      const bytes = new Uint8Array(await new Response(csvStream(columns, rows, per)).arrayBuffer());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)).toBe(`\ufeff${toCsv(columns, rows)}`);
    }
  });
});
