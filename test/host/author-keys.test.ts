/**
 * A host bound to a signed-in author's key (`host.forKey`), over the real
 * local platform: queries, reads and saves go out with that key (the
 * platform's query log names it; a save succeeds where the server's own key
 * may not write), and the shared caches never hand one key's answers to
 * another, even within their TTL.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalog } from '../../catalog';
import { createHost, type Host } from '../../lib/host/host';
import { appKeyringFromEnv } from '../../lib/embed/keys';
import { mintAppEmbedToken } from '../../lib/embed/mint-app-token';
import { verifyEmbedToken } from '../../lib/embed/tokens';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const SERVER = 'amdhl_server_readonly_0001';
const AUTHOR_A = 'amdhl_author_a_000000000001';
const AUTHOR_B = 'amdhl_author_b_000000000002';
let host: Host;
let queryLog: string;

const fixture = (name: string) => readFileSync(path.join(ROOT, 'test', 'fixtures', 'valid', 'fixture-base.json'), 'utf8').replace('"Fixture"', JSON.stringify(name));
const logLines = () => readFileSync(queryLog, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { key: string });

beforeAll(async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'amdahl-author-keys-'));
  queryLog = path.join(dir, 'queries.log');
  host = createHost({
    catalog,
    env: {
      AMDAHL_LOCAL_DIR: dir,
      AMDAHL_LOCAL_QUERY_LOG: queryLog,
      // A long TTL: anything that crossed keys through the cache would show.
      AMDAHL_QUERY_CACHE_MS: '600000',
      API_KEY: SERVER,
      AMDAHL_LOCAL_KEYS: JSON.stringify([
        { key: SERVER, name: 'server', business: 'demo', scopes: ['data:read', 'pages:read'] },
        { key: AUTHOR_A, name: 'author-a', business: 'demo', scopes: ['data:read', 'pages:read', 'pages:write'] },
        { key: AUTHOR_B, name: 'author-b', business: 'demo', scopes: ['data:read', 'pages:read', 'pages:write'], rules: { channel: 'email' } },
      ]),
    },
  });
  await host.local!.ready();
}, 180_000);

afterAll(async () => {
  await host?.close();
});

describe('a host bound to an author\'s key', () => {
  it('is one view per key; the server\'s own key is the host itself', () => {
    const a = host.forKey(AUTHOR_A);
    expect(host.forKey(AUTHOR_A)).toBe(a);
    expect(host.forKey(AUTHOR_B)).not.toBe(a);
    expect(host.forKey(SERVER)).toBe(host);
    expect(a.forKey(AUTHOR_B)).toBe(host.forKey(AUTHOR_B));
    expect(a.auth).toBe(host.auth);
    expect(a.local).toBe(host.local);
  });

  it('runs the preview\'s queries with the author\'s key, and one author\'s cached results never answer another', async () => {
    const text = fixture('Preview');
    const channels = (h: Host) => h.preview(text).then((p) => {
      const outcome = p.render!.outcomes.by_channel!;
      if (!outcome.ok) throw new Error(outcome.error.message);
      return outcome.result.rows.map((r) => r.channel).sort();
    });
    const a = await channels(host.forKey(AUTHOR_A));
    const b = await channels(host.forKey(AUTHOR_B));
    const server = await channels(host);
    expect(a.length).toBe(6);
    // B's key sees only email rows: the same SQL, within the cache's TTL, still answered for B alone.
    expect(b).toEqual(['email']);
    expect(server).toEqual(a);
    // And again, now from the cache: still per key.
    expect(await channels(host.forKey(AUTHOR_B))).toEqual(['email']);
    expect(await channels(host.forKey(AUTHOR_A))).toEqual(a);
    const keys = logLines().map((l) => l.key);
    // Two queries each (by_channel, totals), once per key: the repeats came from each key's own cache entries.
    expect(keys.filter((k) => k === 'author-a')).toHaveLength(2);
    expect(keys.filter((k) => k === 'author-b')).toHaveLength(2);
    expect(keys.filter((k) => k === 'server')).toHaveLength(2);
  });

  it('saves as the author: the author\'s key writes where the server\'s key may not', async () => {
    const refused = await host.savePage(fixture('By the server'));
    expect(refused).toMatchObject({ ok: false, status: 403, code: 'permission_denied' });

    const saved = await host.forKey(AUTHOR_A).savePage(fixture('By author A'));
    if (!saved.ok) throw new Error(saved.message);
    expect((await host.client.getPage(saved.page.id)).name).toBe('By author A');
    const updated = await host.forKey(AUTHOR_A).savePage(fixture('By author A, v2'), { id: saved.page.id, expectedVersion: saved.page.version });
    expect(updated.ok).toBe(true);
  });

  it('a page read with one key is not handed to another key from the page cache', async () => {
    const saved = await host.forKey(AUTHOR_A).savePage(fixture('Cached page'));
    if (!saved.ok) throw new Error(saved.message);
    expect((await host.forKey(AUTHOR_A).getPage(saved.page.id)).name).toBe('Cached page');
    // A key the platform does not know gets its own answer (401), not A's cached page.
    await expect(host.forKey('amdhl_unknown_key_000000').getPage(saved.page.id)).rejects.toMatchObject({ status: 401 });
    expect((await host.getPage(saved.page.id)).name).toBe('Cached page');
    expect((await host.forKey(AUTHOR_B).getPage(saved.page.id)).name).toBe('Cached page');
    // A save through one view drops the cached page for every key (the TTL here is ten minutes).
    const renamed = await host.forKey(AUTHOR_A).savePage(fixture('Cached page, renamed'), { id: saved.page.id, expectedVersion: saved.page.version });
    expect(renamed.ok).toBe(true);
    expect((await host.getPage(saved.page.id)).name).toBe('Cached page, renamed');
    expect((await host.forKey(AUTHOR_B).getPage(saved.page.id)).name).toBe('Cached page, renamed');
  });
});

describe('an embed minted by an author is clamped to what the author sees', () => {
  const ring = appKeyringFromEnv({ AMDAHL_EMBED_SECRET: 'clamp-test-secret-'.padEnd(48, 'c') })!;

  async function mintAs(key: string, pageId: string, rules?: unknown) {
    const minted = await mintAppEmbedToken(host.forKey(key).client, (await ring.signing())!, pageId, { audience: 'self', ...(rules ? { rules } : {}) }, key);
    const verified = await verifyEmbedToken(minted.token, ring, { pageId });
    if (!verified.ok) throw new Error(verified.reason);
    return verified.claims;
  }

  it('records the author’s own slice when the link asked for none, narrows a wider one, and refuses one outside it', async () => {
    const saved = await host.forKey(AUTHOR_A).savePage(fixture('Clamped embed'));
    if (!saved.ok) throw new Error(saved.message);
    const id = saved.page.id;
    expect((await mintAs(AUTHOR_B, id)).rules).toEqual({ channel: ['email'] });
    expect((await mintAs(AUTHOR_B, id, { channel: ['email', 'chat'] })).rules).toEqual({ channel: ['email'] });
    await expect(mintAs(AUTHOR_B, id, { channel: 'chat' })).rejects.toMatchObject({ status: 403 });
    // An author who sees everything mints what was asked for.
    expect((await mintAs(AUTHOR_A, id)).rules).toBeUndefined();
    expect((await mintAs(AUTHOR_A, id, { channel: 'chat' })).rules).toEqual({ channel: ['chat'] });

    // Displayed with the server's key, the recorded slice is what the platform applies.
    const claims = await mintAs(AUTHOR_B, id);
    const shown = await host.embeds.render({ pageId: id, pageVersion: 'latest', audience: 'self', rules: claims.rules, params: {}, theme: 'auto', origins: [] });
    expect(shown.ok).toBe(true);
    if (!shown.ok) return;
    const channels = new Set(Object.values(shown.data.outcomes).flatMap((o) => (o.ok ? o.result.rows.map((r) => r.channel).filter((c) => c !== undefined) : [])));
    expect([...channels]).toEqual(['email']);
  });
});
