/**
 * Bad input to the pages-as-code commands: one clear line (file and line:col
 * where there is one), a non-zero exit, never a stack trace, and nothing
 * changed on the platform. The CLI runs as the bin in a child process against
 * the real local platform over HTTP, with a second business's key.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PlatformClient } from '../../lib/platform';
import { KEY, pageFiles, pagesWorkspace, readJson, type Run } from './cli-harness';
import type { CountingPlatform } from './counting-platform';
/** A key of another business on the same platform. */
const OTHER_KEY = 'amdhl_0be0be0be0be0be0be0be0be0be0b';

const ws = pagesWorkspace('amdahl-bad-input-', { keys: [{ key: OTHER_KEY, business: 'other', scopes: ['data:read', 'pages:read', 'pages:write'] }] });
const { runBin, freshDir } = ws;
let work: string;
let platform: CountingPlatform;
let client: PlatformClient;
beforeAll(() => ({ work, platform, client } = ws));
const noStack = (r: Run) => expect(`${r.stdout}${r.stderr}`).not.toMatch(/\n\s+at |Error:/);
/** Requests that change pages: anything but reads, queries and validation. */
const writes = () => [...platform.calls.entries()].filter(([route]) => /^(POST|PATCH|DELETE) \/pages/.test(route) && !route.endsWith('/validate')).reduce((n, [, c]) => n + c, 0);
const requests = () => [...platform.calls.values()].reduce((n, c) => n + c, 0);

describe('a folder with no pages', () => {
  const commands: [string, string[]][] = [
    ['validate', ['validate', 'pages']],
    ['fmt', ['fmt', '--check', 'pages']],
    ['diff', ['diff']],
    ['push', ['push']],
    ['test', ['test']],
  ];
  for (const [name, args] of commands) {
    it(`${name}: says so, how to get pages, exit 2`, async () => {
      const repo = freshDir(`empty-${name}`);
      mkdirSync(path.join(repo, 'pages'));
      platform.reset();
      const r = await runBin(args, repo);
      expect(r.code).toBe(2);
      const first = r.stderr.split('\n')[0]!;
      expect(first).toMatch(/no (pages|\*\.page\.json) in pages/);
      expect(first).toContain('amdahl-pages pull');
      noStack(r);
      expect(requests()).toBe(0);
    });
  }

  it('push names a folder that is not there, exit 2', async () => {
    const r = await runBin(['push', '--dir', 'nowhere'], freshDir('no-folder'));
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('amdahl-pages: no pages in nowhere (no such folder): get them with amdahl-pages pull (--dir names another folder), or write one there');
  });
});

describe('a page file that is not JSON', () => {
  let repo: string;
  beforeAll(async () => {
    repo = freshDir('not-json');
    expect((await runBin(['pull', '--tag', 'demo'], repo)).code).toBe(0);
    writeFileSync(path.join(repo, 'pages', 'broken.page.json'), '{\n  "name": "Broken",\n  "spec": {,\n}\n');
  });

  for (const command of ['pull', 'diff', 'push']) {
    it(`${command}: names the file with line:col and refuses without asking the platform`, async () => {
      platform.reset();
      const r = await runBin([command], repo);
      expect(r.code).toBe(2);
      const lines = r.stderr.trim().split('\n');
      expect(lines).toEqual([
        'pages/broken.page.json:3:12 error invalid-json Invalid JSON: Expected a value',
        'amdahl-pages: 1 page file is not JSON (above): fix it or restore from git; the platform was not contacted',
      ]);
      expect(requests()).toBe(0);
      noStack(r);
    });
  }

  it('validate reports it at line:col too', async () => {
    const r = await runBin(['validate', 'pages/broken.page.json'], repo);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('pages/broken.page.json:3:12 error invalid-json');
  });

  it('a sync state that is not JSON is one line with its position', async () => {
    const state = path.join(repo, 'pages', '.amdahl-pages.json');
    const original = readFileSync(state, 'utf8');
    rmSync(path.join(repo, 'pages', 'broken.page.json'));
    writeFileSync(state, '{ "pages": \n');
    try {
      const r = await runBin(['diff'], repo);
      expect(r.code).toBe(2);
      expect(r.stderr.trim()).toBe('amdahl-pages: pages/.amdahl-pages.json:2:1: not JSON (Expected a value): restore it from git, or delete it and pull again');
    } finally {
      writeFileSync(state, original);
    }
  });
});

describe('a page of another business', () => {
  it('pulled with one business\'s key, diff and push with another\'s: one line per file, exit 1, nothing written', async () => {
    const repo = freshDir('other-business');
    expect((await runBin(['pull'], repo)).code).toBe(0);
    const pages = path.join(repo, 'pages');
    const files = pageFiles(pages);
    expect(files.length).toBeGreaterThanOrEqual(2);
    expect(readJson(path.join(pages, '.amdahl-pages.json')).platform).toBe(platform.url);
    const first = readJson(path.join(pages, files[0]!));
    const before = readFileSync(path.join(pages, files[0]!), 'utf8');
    const line = (file: string) => {
      const id = readJson(path.join(pages, file)).id as string;
      return new RegExp(`^    ${file.replace(/\./g, '\\.')}: page ${id} \\(".+"\\) is not on ${platform.url.replace(/\./g, '\\.')} for this key: it was likely pulled from another platform or business \\(or archived since\\)\\.`);
    };

    platform.reset();
    const diff = await runBin(['diff'], repo, { API_KEY: OTHER_KEY });
    expect(diff.code).toBe(1);
    const diffLines = diff.stdout.split('\n');
    for (const file of files) expect(diffLines.filter((l) => line(file).test(l))).toHaveLength(1);

    const push = await runBin(['push'], repo, { API_KEY: OTHER_KEY });
    expect(push.code).toBe(1);
    for (const file of files) expect(push.stdout.split('\n').filter((l) => line(file).test(l))).toHaveLength(1);
    expect(push.stdout).toContain(`nothing was written: ${files.length} pages refused`);
    expect(writes()).toBe(0);
    expect(readFileSync(path.join(pages, files[0]!), 'utf8')).toBe(before);
    // The page is still its business's, as it was.
    expect((await client.getPage(first.id)).version).toBe(first.version);
  });
});

describe('the platform settings', () => {
  const cases: [string, Record<string, string | undefined>, string][] = [
    ['AMDAHL_URL without API_KEY', { API_KEY: undefined }, 'API_KEY is not set'],
    ['AMDAHL_URL with an empty API_KEY', { API_KEY: '' }, 'API_KEY is empty'],
    ['API_KEY without AMDAHL_URL', { AMDAHL_URL: undefined, API_KEY: 'amdhl_a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4' }, 'API_KEY is set but AMDAHL_URL is not'],
    ['an empty AMDAHL_URL (an unset CI variable)', { AMDAHL_URL: '' }, 'AMDAHL_URL is set but empty'],
  ];
  for (const [name, env, message] of cases) {
    it(`${name}: one line, exit 2, nothing asked`, async () => {
      const repo = freshDir(`env-${name.replace(/\W+/g, '-')}`);
      mkdirSync(path.join(repo, 'pages'));
      writeFileSync(path.join(repo, 'pages', 'p.page.json'), JSON.stringify({ name: 'P', spec: { version: 1, root: { type: 'Heading', props: { text: 'P' } } } }));
      platform.reset();
      for (const command of ['diff', 'pull']) {
        const r = await runBin([command], repo, { AMDAHL_LOCAL_DIR: path.join(repo, '.amdahl'), ...env });
        expect(r.code, r.stderr).toBe(2);
        const lines = r.stderr.trim().split('\n');
        expect(lines).toHaveLength(1);
        expect(lines[0]).toContain(message);
        noStack(r);
      }
      expect(requests()).toBe(0);
      // The embedded platform was not used in their place.
      expect(readdirSync(repo)).not.toContain('.amdahl');
    });
  }
});

describe('push is all or nothing', () => {
  let repo: string;
  let pages: string;
  beforeAll(async () => {
    repo = freshDir('all-or-nothing');
    pages = path.join(repo, 'pages');
    expect((await runBin(['pull'], repo)).code).toBe(0);
  });

  function edit(file: string, change: (page: Record<string, any>) => void): void {
    const page = readJson(path.join(pages, file));
    change(page);
    writeFileSync(path.join(pages, file), `${JSON.stringify(page, null, 2)}\n`);
  }

  it('a page changed on the platform since the pull refuses the push: the good edits are not sent either', async () => {
    const [a, b] = pageFiles(pages);
    const pageA = readJson(path.join(pages, a!));
    const pageB = readJson(path.join(pages, b!));
    await client.updatePage(pageB.id, { name: `${pageB.name} (studio)` }, { ifMatch: pageB.version });
    edit(a!, (p) => p.tags.push('edited-a'));
    edit(b!, (p) => p.tags.push('edited-b'));
    writeFileSync(path.join(pages, 'new.page.json'), JSON.stringify({ name: 'Brand new', spec: { version: 1, root: { type: 'Heading', props: { text: 'New' } } } }));
    const files = new Map(readdirSync(pages).map((f) => [f, readFileSync(path.join(pages, f), 'utf8')]));

    platform.reset();
    const r = await runBin(['push'], repo);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(new RegExp(`refused +${pageB.name}`));
    expect(r.stdout).toMatch(/not-sent +Brand new/);
    expect(r.stdout).toContain('nothing was written: 1 page refused, so the 2 other changes were not sent; fix the refused pages and push again');
    expect(writes()).toBe(0);
    expect((await client.getPage(pageA.id)).tags).not.toContain('edited-a');
    // The folder, state included, is as it was.
    for (const [f, text] of files) expect(readFileSync(path.join(pages, f), 'utf8'), f).toBe(text);
  });

  it('a page with errors refuses the push too; fixed, everything goes', async () => {
    const [a, b] = pageFiles(pages).filter((f) => f !== 'new.page.json');
    // b conflicts from the test before: take the platform's version, keeping the edit.
    const stored = await client.getPage(readJson(path.join(pages, b!)).id);
    edit(b!, (p) => (p.version = stored.version));
    edit(a!, (p) => (p.spec.root.type = 'Sectoin'));
    platform.reset();
    const refused = await runBin(['push'], repo);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(new RegExp(`${a!.replace(/\./g, '\\.')} has \\d+ errors?: run amdahl-pages validate`));
    expect(refused.stdout).toContain('nothing was written');
    expect(writes()).toBe(0);

    edit(a!, (p) => (p.spec.root.type = 'Section'));
    const pushed = await runBin(['push'], repo);
    expect(pushed.code, pushed.stdout).toBe(0);
    expect(pushed.stdout).toMatch(/created +Brand new/);
    expect((await client.getPage(readJson(path.join(pages, a!)).id)).tags).toContain('edited-a');
    expect((await client.getPage(readJson(path.join(pages, b!)).id)).tags).toContain('edited-b');
  });
});
