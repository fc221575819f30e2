/** The amdahl-pages CLI: exit codes, every output format, inputs (files, dirs, globs, stdin) and fmt. */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../packages/cli/src/main';
import type { CliIO } from '../../packages/cli/src/io';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const INVALID = 'test/fixtures/invalid';
const SEED = 'lib/local-platform/seed-pages';

async function run(args: string[], options: { stdin?: string; cwd?: string } = {}) {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    readStdin: async () => options.stdin ?? '',
    color: false,
    cwd: options.cwd ?? ROOT,
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

describe('amdahl-pages validate', () => {
  it('names file, line and column of an unknown component and exits 1', async () => {
    const r = await run(['validate', `${INVALID}/unknown-component.json`]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${INVALID}/unknown-component.json:41:19 error unknown-component Unknown component "Barchart"`);
    expect(r.stdout).toContain('hint: did you mean "BarChart"?');
    expect(r.stdout).toMatch(/1 error, 0 warnings in 1 file \(1 file checked\)/);
  });

  it('passes the demo pages (one in the guide\'s inline shape) with exit 0', async () => {
    const r = await run(['validate', SEED]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('0 errors, 0 warnings in 0 files (2 files checked)');
  });

  it('reports every file and every problem in one run', async () => {
    const r = await run(['validate', '--format', 'json', INVALID]);
    expect(r.code).toBe(1);
    const records = JSON.parse(r.stdout) as { file: string; code: string; line: number }[];
    const files = new Set(records.map((d) => d.file));
    expect(files.size).toBe(16);
    expect(new Set(records.map((d) => d.code)).size).toBe(16);
    expect(records.find((d) => d.code === 'invalid-sql')).toMatchObject({ file: `${INVALID}/invalid-sql.json`, line: 15, column: 60, pointer: '/declared_queries/1/sql' });
  });

  it('prints GitHub annotations', async () => {
    const r = await run(['validate', '--format', 'github', `${INVALID}/unknown-component.json`, `${INVALID}/unused-query.json`]);
    expect(r.stdout).toContain(`::error file=${INVALID}/unknown-component.json,line=41,col=19,endLine=41,endColumn=29,title=unknown-component::Unknown component "Barchart" (did you mean "BarChart"?)`);
    expect(r.stdout).toMatch(/^::warning file=test\/fixtures\/invalid\/unused-query\.json,line=18,col=15,.*title=unused-query::/m);
  });

  it('prints SARIF 2.1.0 with rules and regions', async () => {
    const r = await run(['validate', '--format', 'sarif', `${INVALID}/unsafe-url.json`]);
    const sarif = JSON.parse(r.stdout);
    expect(sarif.version).toBe('2.1.0');
    const run0 = sarif.runs[0];
    expect(run0.tool.driver.name).toBe('amdahl-pages');
    expect(run0.tool.driver.rules.map((rule: { id: string }) => rule.id)).toContain('unsafe-url');
    expect(run0.results).toHaveLength(1);
    expect(run0.results[0]).toMatchObject({
      ruleId: 'unsafe-url',
      level: 'error',
      locations: [{ physicalLocation: { artifactLocation: { uri: `${INVALID}/unsafe-url.json` }, region: { startLine: 53, startColumn: 30 } } }],
    });
  });

  it('--max-warnings fails a run with more warnings than allowed', async () => {
    expect((await run(['validate', `${INVALID}/unused-query.json`])).code).toBe(0);
    const r = await run(['validate', '--max-warnings', '0', `${INVALID}/unused-query.json`]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('more than --max-warnings 0');
    expect((await run(['validate', '--quiet', `${INVALID}/unused-query.json`])).stdout).not.toContain('unused-query');
  });

  it('--allow-custom accepts Custom for a caller with pages:admin', async () => {
    expect((await run(['validate', `${INVALID}/custom-not-allowed.json`])).code).toBe(1);
    expect((await run(['validate', '--allow-custom', `${INVALID}/custom-not-allowed.json`])).code).toBe(0);
  });

  it('reads globs and stdin', async () => {
    const glob = await run(['validate', '--format', 'json', 'test/fixtures/invalid/un*.json']);
    expect(new Set((JSON.parse(glob.stdout) as { file: string }[]).map((d) => d.file)).size).toBe(7);
    const stdin = await run(['validate', '-'], { stdin: readFileSync(path.join(ROOT, INVALID, 'layout.json'), 'utf8') });
    expect(stdin.code).toBe(1);
    expect(stdin.stdout).toContain('<stdin>:22:15 error layout');
  });

  it('exits 2 on usage and read errors', async () => {
    expect((await run(['validate'])).code).toBe(2);
    expect((await run(['validate', '--format', 'xml', SEED])).code).toBe(2);
    const missing = await run(['validate', 'no/such/file.json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read no/such/file.json');
    expect((await run(['frobnicate'])).code).toBe(2);
    expect((await run(['validate', '--max-warnings', 'x', SEED])).code).toBe(2);
  });

  it('runs as an installed bin, with the same exit codes', () => {
    const bin = path.join(ROOT, 'packages', 'cli', 'bin', 'amdahl-pages.mjs');
    const bad = spawnSync(process.execPath, [bin, 'validate', `${INVALID}/unknown-component.json`], { cwd: ROOT, encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain('unknown-component.json:41:19 error unknown-component');
    const good = spawnSync(process.execPath, [bin, 'validate', SEED], { cwd: ROOT, encoding: 'utf8' });
    expect(good.status).toBe(0);
  });
});

describe('amdahl-pages fmt', () => {
  it('rewrites the guide\'s inline-props page into the canonical form, stably', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'amdahl-fmt-'));
    cpSync(path.join(ROOT, SEED, 'weekly-sentiment.json'), path.join(dir, 'page.json'));
    expect((await run(['fmt', '--check', 'page.json'], { cwd: dir })).code).toBe(1);
    const printed = await run(['fmt', 'page.json'], { cwd: dir });
    expect(printed.code).toBe(0);
    const canonical = JSON.parse(printed.stdout);
    expect(canonical.spec).toEqual({
      version: 1,
      layout: 'dashboard',
      root: { type: 'Section', children: [{ type: 'Table', props: { data: { $query: 'by_channel' } } }] },
    });
    expect(canonical.declared_queries[0]).toEqual({ name: 'by_channel', source: 'sql', sql: 'SELECT channel, COUNT(*) AS events FROM interactions GROUP BY channel' });
    expect((await run(['fmt', '--write', 'page.json'], { cwd: dir })).code).toBe(0);
    expect(readFileSync(path.join(dir, 'page.json'), 'utf8')).toBe(printed.stdout);
    expect((await run(['fmt', '--check', 'page.json'], { cwd: dir })).code).toBe(0);
    // The canonical form validates as cleanly as the original.
    expect((await run(['validate', 'page.json'], { cwd: dir })).code).toBe(0);
  });

  it('refuses a page with errors, so nothing the author meant is dropped', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'amdahl-fmt-'));
    const text = '{"name": "x", "declared_querys": [], "spec": {"version": 1, "layout": "singel", "root": {"type": "Section"}}}\n';
    writeFileSync(path.join(dir, 'page.json'), text);
    const r = await run(['fmt', '--write', 'page.json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/page\.json:1:15 error bad-prop Unknown page field "declared_querys"; not formatted \(2 errors/);
    expect(readFileSync(path.join(dir, 'page.json'), 'utf8')).toBe(text);
  });

  it('refuses invalid JSON with its position and leaves the file alone', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'amdahl-fmt-'));
    writeFileSync(path.join(dir, 'bad.json'), '{"name": "x",\n  "spec": }\n');
    const r = await run(['fmt', '--write', 'bad.json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('bad.json:2:11 error invalid-json');
    expect(readFileSync(path.join(dir, 'bad.json'), 'utf8')).toBe('{"name": "x",\n  "spec": }\n');
  });
});
