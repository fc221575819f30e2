/**
 * One screen of the pages list over the local platform's real page store:
 * paging by the platform's cursor visits every matching page exactly once,
 * in the platform's order, and filters the studio applies itself (name,
 * status) give what filtering the whole list would.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PagesStore, type Page } from '../../lib/local-platform/pages-store';
import { decodeListPage, pageSummarySchema } from '../../lib/platform';
import { BadListCursorError, listPagesScreen, type ListOnce, type PagesListQuery } from '../../lib/pages-list/list-pages';
import { parseListLocation, listHref, nextHref, previousHref, screenNumber } from '../../lib/pages-list/list-url';

let dir: string;
let store: PagesStore;
let all: Page[];
let calls: { limit: number; cursor?: string; tag?: string }[] = [];

const listOnce: ListOnce = async (params) => {
  calls.push(params);
  const body = await store.list({ limit: params.limit, ...(params.cursor ? { cursor: params.cursor } : {}), ...(params.tag ? { tag: params.tag } : {}) });
  // Read as the platform client reads a list answer.
  return decodeListPage(JSON.parse(JSON.stringify(body)), pageSummarySchema, { status: 200, method: 'GET', path: '/pages' });
};

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amdahl-pages-list-'));
  let clock = Date.parse('2026-11-01T00:00:00Z');
  store = new PagesStore(path.join(dir, 'pages.json'), () => new Date((clock += 1000)));
  const colours = ['Red', 'Green', 'Blue'];
  for (let i = 0; i < 130; i++) {
    const page = await store.create({
      name: `${colours[i % 3]} report ${String(i).padStart(3, '0')}`,
      tags: [i % 2 === 0 ? 'even' : 'odd', `tens-${Math.floor(i / 10)}`],
      declared_queries: [],
      spec: { version: 1, root: { type: 'Text', props: { text: 'x' } } },
    });
    if (i % 5 === 0) await store.update(page.id, { status: 'published' });
  }
  all = [];
  let cursor: string | undefined;
  do {
    const batch = await store.list({ limit: 100, ...(cursor ? { cursor } : {}) });
    all.push(...batch.items);
    cursor = batch.next_cursor ?? undefined;
  } while (cursor);
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function walk(query: PagesListQuery): Promise<{ ids: string[]; sizes: number[] }> {
  const ids: string[] = [];
  const sizes: number[] = [];
  let cursor: string | undefined;
  for (let guard = 0; guard < 50; guard++) {
    const screen = await listPagesScreen(listOnce, { ...query, ...(cursor ? { cursor } : {}) });
    ids.push(...screen.items.map((p) => p.id));
    sizes.push(screen.items.length);
    if (!screen.nextCursor) return { ids, sizes };
    cursor = screen.nextCursor;
  }
  throw new Error('the walk did not end');
}

describe('listPagesScreen', () => {
  it('without filters: screens of 25 in the platform order, every page once, one platform call a screen', async () => {
    calls = [];
    const { ids, sizes } = await walk({});
    expect(all).toHaveLength(130);
    expect(ids).toEqual(all.map((p) => p.id));
    expect(sizes).toEqual([25, 25, 25, 25, 25, 5]);
    expect(calls).toHaveLength(6);
    expect(calls.every((c) => c.limit === 25 && c.tag === undefined)).toBe(true);
  });

  it('a tag goes to the platform; the screens hold exactly its pages', async () => {
    calls = [];
    const { ids } = await walk({ tag: 'even' });
    expect(ids).toEqual(all.filter((p) => p.tags.includes('even')).map((p) => p.id));
    expect(calls.every((c) => c.tag === 'even')).toBe(true);
  });

  it('a name search (case-insensitive) and a status are matched here, across platform batches, with no page twice', async () => {
    const cases: [PagesListQuery, (p: Page) => boolean][] = [
      [{ q: 'BLUE' }, (p) => p.name.includes('Blue')],
      [{ q: ' report 1' }, (p) => p.name.includes('report 1')],
      [{ status: 'published' }, (p) => p.status === 'published'],
      [{ status: 'draft', tag: 'odd', q: 'red' }, (p) => p.status === 'draft' && p.tags.includes('odd') && p.name.includes('Red')],
      [{ q: 'no such page' }, () => false],
    ];
    for (const [query, expected] of cases) {
      const { ids, sizes } = await walk(query);
      const want = all.filter(expected).map((p) => p.id);
      expect(ids, JSON.stringify(query)).toEqual(want);
      expect(new Set(ids).size).toBe(ids.length);
      expect(sizes.slice(0, -1).every((n) => n === 25), JSON.stringify(sizes)).toBe(true);
    }
    // 43 Blue pages: two screens, the second starting mid-batch.
    expect((await walk({ q: 'blue' })).sizes).toEqual([25, 18]);
  });

  it('a cursor it did not issue is refused with a clear error', async () => {
    await expect(listPagesScreen(listOnce, { cursor: 'bm90IGEgY3Vyc29y' })).rejects.toBeInstanceOf(BadListCursorError);
    await expect(listPagesScreen(listOnce, { cursor: '%%%' })).rejects.toThrow(/not one this studio made/);
  });
});

describe('the list URL', () => {
  it('keeps filters, and Next then Previous walks back to the same screens', () => {
    const first = parseListLocation(new URLSearchParams('q=blue&tag=odd&status=published')).location;
    expect(first).toMatchObject({ q: 'blue', tag: 'odd', status: 'published', cursor: '', back: [] });
    expect(previousHref(first)).toBeNull();
    const second = parseListLocation(new URL(nextHref(first, 'c1'), 'http://x').searchParams).location;
    const third = parseListLocation(new URL(nextHref(second, 'c2'), 'http://x').searchParams).location;
    expect(third).toMatchObject({ q: 'blue', cursor: 'c2', back: ['c1'] });
    expect(screenNumber(third)).toBe(3);
    const back2 = parseListLocation(new URL(previousHref(third)!, 'http://x').searchParams).location;
    expect(back2).toEqual(second);
    expect(previousHref(back2)).toBe(listHref({ q: 'blue', tag: 'odd', status: 'published' }));
  });

  it('says what it did not understand and still applies the rest', () => {
    const { location, problems } = parseListLocation({ q: ' x ', status: 'archived' });
    expect(location).toMatchObject({ q: 'x', status: '' });
    expect(problems).toEqual([expect.stringMatching(/status="archived" is not a status the list can show \(draft or published\)/)]);
  });
});
