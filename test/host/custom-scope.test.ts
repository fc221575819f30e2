/**
 * Only a key with pages:admin saves a page with a Custom node: over the real
 * embedded platform, a writer's save is refused with the validator's
 * `custom-not-allowed` at the node's line; an admin's goes through; the
 * preview draws Custom whatever the key.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalog } from '../../catalog';
import { createHost, type Host } from '../../lib/host/host';

const WRITER = 'amdhl_custom_writer_000001';
const ADMIN = 'amdhl_custom_admin_0000001';
let host: Host;

const PAGE = JSON.stringify(
  {
    name: 'With a Custom node',
    tags: [],
    declared_queries: [{ name: 'by_channel', source: 'sql', sql: 'SELECT channel, COUNT(*) AS n FROM interactions GROUP BY channel' }],
    spec: {
      version: 1,
      root: {
        type: 'Section',
        props: { title: 'Custom' },
        children: [{ type: 'Custom', props: { title: 'Tiles', data: { $query: 'by_channel' }, html: '<p id="x"></p><script>x.textContent = amdahl.rows.length</script>' } }],
      },
    },
  },
  null,
  2,
);
const customLine = PAGE.split('\n').findIndex((line) => line.includes('"type": "Custom"')) + 1;

beforeAll(async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'amdahl-custom-scope-'));
  host = createHost({
    catalog,
    env: {
      AMDAHL_LOCAL_DIR: dir,
      API_KEY: WRITER,
      AMDAHL_LOCAL_KEYS: JSON.stringify([
        { key: WRITER, name: 'writer', business: 'demo', scopes: ['data:read', 'pages:read', 'pages:write'] },
        { key: ADMIN, name: 'admin', business: 'demo', scopes: ['data:read', 'pages:read', 'pages:write', 'pages:admin'] },
      ]),
    },
  });
  await host.local!.ready();
}, 180_000);

afterAll(async () => {
  await host?.close();
});

describe('saving a Custom node', () => {
  it('is refused for a key without pages:admin, with custom-not-allowed at the node’s line', async () => {
    const refused = await host.savePage(PAGE);
    expect(refused).toMatchObject({ ok: false, status: 403, code: 'permission_denied' });
    if (refused.ok) throw new Error('saved');
    expect(refused.message).toMatch(/pages:admin/);
    expect(refused.diagnostics).toEqual([
      expect.objectContaining({ code: 'custom-not-allowed', severity: 'error', pointer: '/spec/root/children/0/type', line: customLine, column: expect.any(Number) }),
    ]);
  });

  it('goes through for a key with pages:admin, and the page renders for its viewers', async () => {
    const saved = await host.forKey(ADMIN).savePage(PAGE);
    if (!saved.ok) throw new Error(saved.message);
    const render = await host.render(await host.getPage(saved.page.id));
    expect(render.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('is previewed whatever the key: the platform decides at save', async () => {
    const preview = await host.preview(PAGE);
    expect(preview.diagnostics.filter((d) => d.code === 'custom-not-allowed')).toEqual([]);
    expect(preview.render?.outcomes.by_channel?.ok).toBe(true);
  });
});
