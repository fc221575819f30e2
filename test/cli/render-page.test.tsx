/**
 * The snapshot renderer finds a node whose view throws (server rendering has
 * no error boundaries: the whole render fails) and still reports the other
 * nodes' error cards. No catalog view throws on the data tried, so one view is
 * made to throw on a marker value: a fault the real views cannot be made to
 * produce.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';

vi.mock('../../catalog/heading/view', async (importOriginal) => {
  const original = (await importOriginal()) as { HeadingView: (props: { props: { text?: unknown } }) => unknown };
  return {
    ...original,
    HeadingView: (input: { props: { text?: unknown } }) => {
      if (input.props.text === 'boom') throw new Error('the heading exploded');
      return original.HeadingView(input as never);
    },
  };
});

const { renderPage, findErrorCards } = await import('../../packages/cli/src/render/render-page');
const { normalisePage } = await import('../../lib/spec/normalise');
const { main } = await import('../../packages/cli/src/main');

const outcomes = {
  totals: { ok: true as const, elapsedMs: 0, cached: true, result: { query: 'totals', rows: [{ n: 3 }], columns: [{ name: 'n', type: 'bigint' }], truncated: false } },
};

const page = {
  name: 'Render',
  tags: [],
  declared_queries: [{ name: 'totals', source: 'sql', sql: 'SELECT COUNT(*) AS n FROM interactions' }],
  spec: {
    version: 1,
    root: {
      type: 'Section',
      children: [
        { type: 'Heading', props: { text: 'fine' } },
        { type: 'Card', children: [{ type: 'Heading', props: { text: 'boom' } }] },
        { type: 'Stat', props: { label: 'Missing', value: { $value: { query: 'totals', field: 'nope' } } } },
      ],
    },
  },
};

describe('the view registry outside Next', () => {
  it('finds every catalog type\'s view by the folder and export convention', async () => {
    const { catalog } = await import('../../catalog');
    const { viewFolder } = await import('../../packages/cli/src/render/view-registry');
    for (const type of catalog.types) {
      const module = (await import(`../../catalog/${viewFolder(type)}/view.tsx`)) as Record<string, unknown>;
      expect(typeof module[`${type}View`], type).toBe('function');
    }
  });
});

describe('renderPage', () => {
  it('names the node whose view throws, and the other nodes\' error cards', async () => {
    const report = await renderPage(normalisePage(page), outcomes);
    expect(report.problems).toEqual([
      { pointer: '/root/children/2', kind: 'error-card', title: 'No column nope', message: '"totals" returns n' },
      { pointer: '/root/children/1/children/0', kind: 'render-failed', title: 'Heading failed to render', message: 'the heading exploded' },
    ]);
    expect(report.html).toContain('fine');
  });

  it('reads error cards from markup, entities decoded', () => {
    expect(findErrorCards('<div class="ap-error-card" role="alert" data-pointer="/root/children/3"><strong>Query a failed</strong><span>&quot;x&quot; &amp; y</span></div>')).toEqual([
      { pointer: '/root/children/3', kind: 'error-card', title: 'Query a failed', message: '"x" & y' },
    ]);
  });

  it('amdahl-pages test reports render-failed at the node, with its line', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'amdahl-render-'));
    mkdirSync(path.join(dir, 'pages', '__data__'), { recursive: true });
    writeFileSync(path.join(dir, 'pages', 'render.page.json'), `${JSON.stringify(page, null, 2)}\n`);
    writeFileSync(path.join(dir, 'pages', '__data__', 'render.data.json'), JSON.stringify({ page: 'render.page.json', recorded_at: '2026-11-01T00:00:00Z', queries: { totals: { sql: page.declared_queries[0]!.sql, columns: [{ name: 'n', type: 'bigint' }], rows: [{ n: 3 }], truncated: false, row_count: 1 } } }));
    let stdout = '';
    const code = await main(['test'], { stdout: (t) => void (stdout += t), stderr: () => {}, readStdin: async () => '', color: false, cwd: dir, env: {} });
    expect(code).toBe(1);
    expect(stdout).toContain('pages/render.page.json:26:23 error render-failed Heading failed to render: the heading exploded');
    expect(stdout).toContain('pages/render.page.json:40:26 error unresolved-binding Stat.value names "nope", which the recorded result of "totals" does not have');
    expect(stdout).toContain('2 errors, 0 warnings in 1 file');
  });
});
