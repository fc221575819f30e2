/**
 * `amdahl-pages embed`: against the local platform (it signs), and with
 * AMDAHL_EMBED_SECRET (the CLI signs, after the platform said the key may).
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embedCommand, parseTtl } from '../../packages/cli/src/commands/embed';
import type { CliIO } from '../../packages/cli/src/io';
import { appKeyringFromEnv } from '../../lib/embed/keys';
import { verifyEmbedToken } from '../../lib/embed/tokens';
import { serveLocalPlatform, type ServedLocalPlatform } from '../../lib/local-platform/serve';

const SECRET = 'cli-embed-secret-'.padEnd(48, 'z');
let served: ServedLocalPlatform;
let pageId: string;

async function run(args: string[], env: Record<string, string>) {
  let stdout = '';
  let stderr = '';
  const io: CliIO = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), readStdin: async () => '', color: false, cwd: process.cwd() };
  const code = await embedCommand(args, io, env);
  return { code, stdout, stderr };
}

beforeAll(async () => {
  served = await serveLocalPlatform({
    port: 0,
    host: '127.0.0.1',
    dir: mkdtempSync(path.join(os.tmpdir(), 'amdahl-cli-embed-')),
    initdbTemplate: path.join(os.tmpdir(), 'amdahl-test-pglite-initdb.tar'),
    embedBaseUrl: 'http://studio.test:3000',
  });
  const res = await fetch(`${served.baseUrl}/pages`, {
    method: 'POST',
    headers: { authorization: 'Bearer amdhl_local_dev', 'content-type': 'application/json' },
    body: JSON.stringify({
      name: 'CLI embed',
      declared_queries: [{ name: 'q', source: 'sql', sql: 'SELECT COUNT(*) AS n FROM interactions WHERE duration_s > @min', params: { min: 'integer' } }],
      spec: { version: 1, root: { type: 'Stat', props: { label: 'Long', value: { $value: { query: 'q', field: 'n' } } } } },
    }),
  });
  pageId = ((await res.json()) as { id: string }).id;
});

afterAll(async () => {
  await served?.close();
});

describe('amdahl-pages embed', () => {
  it('mints through the platform: URL, expiry and the snippet with embed.js, with origins, params, rules and theme', async () => {
    const { code, stdout } = await run([pageId, '--origin', 'https://wiki.example', '--param', 'min=60', '--rule', 'channel=email', '--rule', 'channel=chat', '--ttl', '2h', '--theme', 'dark', '--format', 'json'], { AMDAHL_URL: served.url });
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.embed_url).toMatch(new RegExp(`^http://studio\\.test:3000/embed/${pageId}\\?token=[^&]+&theme=dark$`));
    expect(out.snippet).toContain(`<script src="http://studio.test:3000/embed.js" async></script>`);
    expect(out.snippet).toContain('data-amdahl-embed');
    expect(Date.parse(out.expires_at) - Date.now()).toBeGreaterThan(7_100_000);
    const claims = await served.platform.verifyEmbedToken(out.token, { pageId });
    expect(claims).toMatchObject({ origins: ['https://wiki.example'], params: { min: '60' }, rules: { channel: ['chat', 'email'] }, audience: 'self' });
  });

  it('says why the platform refused, with exit 1; usage mistakes exit 2', async () => {
    const refused = await run([pageId, '--param', 'min=lots'], { AMDAHL_URL: served.url });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/min/);
    expect((await run(['page_nope'], { AMDAHL_URL: served.url })).code).toBe(1);
    await expect(run([pageId, '--ttl', 'soon'], { AMDAHL_URL: served.url })).rejects.toThrow(/--ttl/);
    await expect(run([], { AMDAHL_URL: served.url })).rejects.toThrow(/page id/);
    expect(parseTtl('90m')).toBe(5400);
    expect(parseTtl('7d')).toBe(604_800);
  });

  it('with AMDAHL_EMBED_SECRET the CLI signs an app token the app verifies, and still asks the platform first', async () => {
    const env = { AMDAHL_URL: served.url, AMDAHL_EMBED_SECRET: SECRET, AMDAHL_APP_URL: 'https://studio.example' };
    const { code, stdout } = await run([pageId, '--format', 'json', '--audience', 'workspace'], env);
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.embed_url.startsWith(`https://studio.example/embed/${pageId}?token=`)).toBe(true);
    const verified = await verifyEmbedToken(out.token, appKeyringFromEnv(env)!, { pageId });
    expect(verified).toMatchObject({ ok: true, claims: { issuer: 'amdahl-pages-studio', audience: 'workspace' } });
    // The platform enforces slices and says so, so rules are allowed; an unknown page is refused by the platform.
    expect((await run([pageId, '--rule', 'channel=email', '--format', 'json'], env)).code).toBe(0);
    expect((await run(['page_nope'], env)).code).toBe(1);
  });
});
