/**
 * The host the app's routes call, over the real local platform: one set of
 * diagnostic records from every surface, the preview's render data, and
 * saving that refuses invalid pages and stale writes without losing anything.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalog } from '../../catalog';
import { createHost, type Host } from '../../lib/host/host';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const INVALID = path.join(ROOT, 'test', 'fixtures', 'invalid');
let host: Host;

beforeAll(async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'amdahl-host-'));
  host = createHost({
    catalog,
    env: { AMDAHL_LOCAL_DIR: dir },
  });
  await host.local!.ready();
}, 180_000);

afterAll(async () => {
  await host?.close();
});

describe('one diagnostics model behind every surface', () => {
  it('the app, the local platform\'s POST /pages/validate and the CLI\'s library give the same records', async () => {
    const text = readFileSync(path.join(INVALID, 'unbound-query.json'), 'utf8');
    const page = JSON.parse(text) as { spec: unknown; declared_queries: unknown[] };
    const fromApp = await host.validate(text);
    expect(fromApp.map((d) => d.code)).toEqual(['unbound-query']);

    const response = await host.local!.handle(
      new Request('http://local/api/platform/v1/pages/validate', {
        method: 'POST',
        headers: { authorization: 'Bearer amdhl_local_dev', 'content-type': 'application/json' },
        body: JSON.stringify({ spec: page.spec, declared_queries: page.declared_queries }),
      }),
    );
    expect(response.status).toBe(200);
    const verdict = (await response.json()) as { valid: boolean; diagnostics: { code: string; pointer: string; message: string; hint?: string }[] };
    expect(verdict.valid).toBe(false);
    // The platform receives a value, not text: same records, without line and column.
    expect(verdict.diagnostics.map(({ code, pointer, message, hint }) => ({ code, pointer, message, hint }))).toEqual(
      fromApp.map(({ code, pointer, message, hint }) => ({ code, pointer, message, hint })),
    );
  });
});

describe('preview', () => {
  it('answers diagnostics and the rows of the queries the page binds', async () => {
    const text = readFileSync(path.join(ROOT, 'test', 'fixtures', 'valid', 'fixture-base.json'), 'utf8');
    const preview = await host.preview(text);
    expect(preview.diagnostics).toEqual([]);
    const outcomes = preview.render!.outcomes;
    expect(Object.keys(outcomes).sort()).toEqual(['by_channel', 'totals']);
    expect(outcomes.by_channel!.ok && outcomes.by_channel.result.rows.length).toBe(6);
    expect(outcomes.totals!.ok && Number(outcomes.totals.result.rows[0]!.events)).toBeGreaterThanOrEqual(100_000);
  });

  it('never sends a query the validator refused', async () => {
    const text = readFileSync(path.join(INVALID, 'invalid-sql.json'), 'utf8');
    const preview = await host.preview(text);
    expect(preview.diagnostics.map((d) => d.code)).toEqual(['invalid-sql']);
    expect(preview.render!.outcomes.totals).toEqual({ ok: false, error: { code: 'invalid_query', message: '"totals" has errors; fix them to run it' } });
    expect(preview.render!.outcomes.by_channel!.ok).toBe(true);
  });

  it('lists values the queries returned outside their node\'s range as warnings, with line and column', async () => {
    const page = {
      name: 'Resolution',
      declared_queries: [{ name: 'rate', source: 'sql', sql: 'SELECT ROUND(100.0 * AVG(CASE WHEN resolved THEN 1 ELSE 0 END), 1) AS pct FROM interactions' }],
      spec: {
        version: 1,
        root: {
          type: 'Section',
          props: { title: 'Resolution' },
          children: [
            { type: 'GaugeChart', props: { value: { $value: { query: 'rate', field: 'pct' } }, format: 'ratio' } },
            { type: 'GaugeChart', props: { value: { $value: { query: 'rate', field: 'pct' } }, format: 'percent' } },
          ],
        },
      },
    };
    const text = JSON.stringify(page, null, 2);
    const preview = await host.preview(text);
    const pct = Number(preview.render!.outcomes.rate!.ok && preview.render!.outcomes.rate.result.rows[0]!.pct);
    expect(pct).toBeGreaterThan(1);
    expect(pct).toBeLessThanOrEqual(100);
    const line = text.split('\n').findIndex((l) => l.includes('"format": "ratio"')) + 1;
    expect(preview.diagnostics).toEqual([
      expect.objectContaining({ code: 'value-out-of-range', severity: 'warning', pointer: '/spec/root/children/0/props/value', line: line - 6 }),
    ]);
    expect(preview.diagnostics[0]!.message).toMatch(/is above the dial's max 1: is it already a percentage/);
    expect(preview.render!.diagnostics).toEqual(preview.diagnostics);
  });

  it('keeps the diagnostics when the text is not JSON, with no render', async () => {
    const preview = await host.preview('{"name": ');
    expect(preview.diagnostics[0]!.code).toBe('invalid-json');
    expect(preview.render).toBeUndefined();
  });
});

describe('saving', () => {
  const text = (name: string) => readFileSync(path.join(ROOT, 'test', 'fixtures', 'valid', 'fixture-base.json'), 'utf8').replace('"Fixture"', JSON.stringify(name));

  it('refuses a page with errors, with its diagnostics, and stores nothing', async () => {
    const before = (await host.client.listPages({ limit: 100 })).items.length;
    const result = await host.savePage(readFileSync(path.join(INVALID, 'unknown-component.json'), 'utf8'));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.status).toBe(422);
      expect(result.diagnostics!.map((d) => d.code)).toEqual(['unknown-component']);
    }
    expect((await host.client.listPages({ limit: 100 })).items.length).toBe(before);
  });

  it('creates, updates with the loaded version, and refuses a stale write without touching the stored page', async () => {
    const created = await host.savePage(text('Host test page'));
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    const id = created.page.id;
    expect(created.page.status).toBe('draft');

    const updated = await host.savePage(text('Host test page v2'), { id, expectedVersion: created.page.version });
    expect(updated.ok).toBe(true);
    if (!updated.ok) return;
    expect(updated.page.name).toBe('Host test page v2');
    expect(Number(updated.page.version)).toBe(Number(created.page.version) + 1);

    // A second author still holds the first version: refused, and the stored page is the second version.
    const stale = await host.savePage(text('Host test page, stale'), { id, expectedVersion: created.page.version });
    expect(stale.ok).toBe(false);
    if (!stale.ok) {
      expect(stale.status).toBe(409);
      expect(stale.code).toBe('failed_precondition');
      expect(stale.current?.name).toBe('Host test page v2');
    }
    // The same holds for a platform that ignores If-Match: the host compares updated_at too.
    const staleByTime = await host.savePage(text('Host test page, stale again'), { id, expectedUpdatedAt: created.page.updated_at });
    expect(staleByTime.ok).toBe(false);
    const stored = await host.client.getPage(id);
    expect(stored.name).toBe('Host test page v2');
    expect(stored.version).toBe(updated.page.version);
  });
});

describe('search sources', () => {
  it('the preview runs cluster_search and kb_search queries through the platform and binds their rows', async () => {
    const page = {
      name: 'Search sources',
      tags: [],
      declared_queries: [
        { name: 'matches', source: 'cluster_search', query: 'card declined at renewal', target: 'interactions' },
        { name: 'articles', source: 'kb_search', query: 'card declined' },
      ],
      spec: { version: 1, root: { type: 'Section', children: [{ type: 'Table', props: { data: { $query: 'matches' } } }, { type: 'Table', props: { data: { $query: 'articles' } } }] } },
    };
    const preview = await host.preview(JSON.stringify(page));
    expect(preview.diagnostics).toEqual([]);
    const { matches, articles } = preview.render!.outcomes;
    if (!matches?.ok || !articles?.ok) throw new Error(JSON.stringify(preview.render!.outcomes));
    expect(matches.result.rows.length).toBe(20);
    expect(String(matches.result.rows[0]!.content_preview)).toMatch(/card was declined at renewal/);
    expect(articles.result.rows[0]).toMatchObject({ id: 'billing-card-declined' });
  });
});
