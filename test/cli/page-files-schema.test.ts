/**
 * Page files in a team's own repository: pull writes "$schema" pointing at
 * the installed amdahl-pages package's page JSON Schema (so VS Code checks
 * pages with no extension), the generated schema describes the file pull
 * writes, and "$schema" survives validate, fmt, diff and push without ever
 * reaching the platform. Against the real local platform over HTTP.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Ajv from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { catalog } from '../../catalog';
import type { PlatformClient } from '../../lib/platform';
import { pageJsonSchema } from '../../lib/spec/json-schema';
import { schemaLinkFor } from '../../packages/cli/src/page-schema-link';
import { pageFiles, pagesWorkspace, readJson, ROOT } from './cli-harness';
import type { CountingPlatform } from './counting-platform';

const GENERATED = path.join(ROOT, 'schema', 'page.schema.json');
const LINK = '../node_modules/amdahl-pages/schema/page.schema.json';

const ws = pagesWorkspace('amdahl-schema-');
const { run } = ws;
let work: string;
let platform: CountingPlatform;
let client: PlatformClient;
beforeAll(() => ({ work, platform, client } = ws));

/** A team's repository with amdahl-pages installed as npm installs the packed tarball: package.json and schema/ in node_modules. */
function teamRepo(name: string): string {
  const repo = path.join(work, name);
  const pkg = path.join(repo, 'node_modules', 'amdahl-pages');
  mkdirSync(path.join(pkg, 'schema'), { recursive: true });
  writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({ name: 'amdahl-pages', version: '0.0.0-test', type: 'module' }));
  copyFileSync(GENERATED, path.join(pkg, 'schema', 'page.schema.json'));
  writeFileSync(path.join(repo, 'package.json'), JSON.stringify({ name: name, private: true, devDependencies: { 'amdahl-pages': '*' } }));
  return repo;
}


function compileGenerated() {
  const ajv = new Ajv({ allErrors: true, strict: false });
  return ajv.compile(JSON.parse(readFileSync(GENERATED, 'utf8')));
}

describe('pull writes "$schema" and the generated schema describes the file', () => {
  let repo: string;
  let pages: string;

  beforeAll(async () => {
    repo = teamRepo('team');
    pages = path.join(repo, 'pages');
    const pulled = await run(['pull'], repo);
    expect(pulled.code, pulled.stderr).toBe(0);
  });

  it('each pulled file starts with "$schema": the installed package\'s schema, relative to the folder', () => {
    const files = pageFiles(pages);
    expect(files.length).toBeGreaterThanOrEqual(2);
    for (const file of files) {
      const page = readJson(path.join(pages, file));
      expect(Object.keys(page)).toEqual(['$schema', 'id', 'name', 'tags', 'version', 'declared_queries', 'spec']);
      expect(page.$schema).toBe(LINK);
      expect(existsSync(path.resolve(pages, page.$schema))).toBe(true);
    }
  });

  it('the checked-in schema is the generated one, and every pulled file validates against it with ajv', () => {
    expect(readJson(GENERATED)).toEqual(pageJsonSchema(catalog));
    const validate = compileGenerated();
    for (const file of pageFiles(pages)) {
      const ok = validate(readJson(path.join(pages, file)));
      expect(ok, `${file}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
  });

  it('rejects a misspelt prop, a misspelt page field, a query field it does not know; takes a string version and a query description', () => {
    const validate = compileGenerated();
    const page = readJson(path.join(pages, 'channel-health.page.json'));
    const stat = page.spec.root.children[0].children[1];
    expect(stat.type).toBe('Stat');

    const misspelt = structuredClone(page);
    const props = misspelt.spec.root.children[0].children[1].props;
    props.lable = props.label;
    delete props.label;
    expect(validate(misspelt)).toBe(false);
    expect(validate.errors!.some((e) => e.keyword === 'additionalProperties' && (e.params as { additionalProperty: string }).additionalProperty === 'lable')).toBe(true);

    expect(validate({ ...page, tagz: [] })).toBe(false);
    expect(validate({ ...page, declared_queries: [{ ...page.declared_queries[0], sqll: 'SELECT 1' }] })).toBe(false);

    expect(validate({ ...page, version: 'W/"7"', declared_queries: [{ ...page.declared_queries[0], description: 'Per channel' }] })).toBe(true);
    const { $schema: _s, ...bare } = page;
    expect(validate(bare)).toBe(true);
  });

  it('"$schema" survives validate, fmt, diff and push, and never reaches the platform', async () => {
    const file = path.join(pages, 'channel-health.page.json');
    expect((await run(['validate', 'pages'], repo)).stdout).toContain('0 errors, 0 warnings');
    expect((await run(['fmt', '--check', 'pages'], repo)).code).toBe(0);
    const diff = await run(['diff', '--format', 'json'], repo);
    expect(diff.code).toBe(0);
    expect((JSON.parse(diff.stdout) as { action: string }[]).every((a) => a.action === 'unchanged')).toBe(true);

    // Another schema path alone is no change either.
    const page = readJson(file);
    page.$schema = './elsewhere/page.schema.json';
    writeFileSync(file, `${JSON.stringify(page, null, 2)}\n`);
    expect((await run(['diff', '--exit-code'], repo)).code).toBe(0);

    // An edit is pushed; the file keeps "$schema" first, the platform gets none.
    page.$schema = LINK;
    page.spec.root.children[0].children[1].props.label = 'Resolved share';
    writeFileSync(file, `${JSON.stringify(page, null, 2)}\n`);
    const pushed = await run(['push'], repo);
    expect(pushed.code, pushed.stdout).toBe(0);
    expect(pushed.stdout).toMatch(/updated +Channel health/);
    const after = readJson(file);
    expect(Object.keys(after)[0]).toBe('$schema');
    expect(after.$schema).toBe(LINK);
    const stored = await client.getPage(after.id);
    expect(stored.version).toBe(after.version);
    expect(JSON.stringify(stored)).toContain('Resolved share');
    expect(JSON.stringify(stored)).not.toContain('$schema');
    expect((await run(['pull'], repo)).stdout).toContain('0 written');
  });

  it('a new page with "$schema" is created without it on the platform', async () => {
    const file = path.join(pages, 'fresh.page.json');
    writeFileSync(file, `${JSON.stringify({ $schema: LINK, name: 'Fresh', spec: { version: 1, root: { type: 'Heading', props: { text: 'Hi' } } } }, null, 2)}\n`);
    const pushed = await run(['push'], repo);
    expect(pushed.stdout).toMatch(/created +Fresh/);
    const written = readJson(file);
    expect(Object.keys(written).slice(0, 2)).toEqual(['$schema', 'id']);
    expect(JSON.stringify(await client.getPage(written.id))).not.toContain('$schema');
  });
});

describe('where "$schema" points when the package is not installed', () => {
  it('run from outside the project: no "$schema", one note on stderr', async () => {
    const repo = path.join(work, 'uninstalled');
    mkdirSync(repo, { recursive: true });
    const pulled = await run(['pull', '--tag', 'demo'], repo);
    expect(pulled.code).toBe(0);
    expect(pulled.stderr.match(/no "\$schema" written/g)).toHaveLength(1);
    expect(pulled.stderr).toContain('npm install --save-dev amdahl-pages');
    for (const file of pageFiles(path.join(repo, 'pages'))) expect(readJson(path.join(repo, 'pages', file))).not.toHaveProperty('$schema');
  });

  it('a CLI inside the project (a checkout, a vendored copy) points at its own schema; one outside does not', () => {
    const project = path.join(work, 'vendored');
    const running = path.join(project, 'tools', 'amdahl-pages', 'schema', 'page.schema.json');
    mkdirSync(path.dirname(running), { recursive: true });
    mkdirSync(path.join(project, '.git'), { recursive: true });
    copyFileSync(GENERATED, running);
    const folder = path.join(project, 'dashboards', 'pages');
    expect(schemaLinkFor(folder, os.tmpdir(), running)).toEqual({ ref: '../../tools/amdahl-pages/schema/page.schema.json' });
    const elsewhere = path.join(work, 'npx-cache', 'schema', 'page.schema.json');
    mkdirSync(path.dirname(elsewhere), { recursive: true });
    copyFileSync(GENERATED, elsewhere);
    expect(schemaLinkFor(folder, project, elsewhere).ref).toBeUndefined();
  });

  // The package's schema/ is built by `npm install` (prepare); the link node_modules/amdahl-pages -> packages/cli is the workspace's.
  it.runIf(existsSync(path.join(ROOT, 'node_modules', 'amdahl-pages', 'schema', 'page.schema.json')))('in this repository, the workspace link resolves through node_modules, not its target', () => {
    expect(schemaLinkFor(path.join(ROOT, 'pages'), ROOT)).toEqual({ ref: LINK });
  });
});
