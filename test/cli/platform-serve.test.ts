/** `amdahl-pages platform serve`: the local platform alone, reached over HTTP by another client. */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

it('serves the contract on the port it prints, and stops on SIGTERM', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'amdahl-serve-'));
  const child = spawn(process.execPath, [path.join(ROOT, 'packages', 'cli', 'bin', 'amdahl-pages.mjs'), 'platform', 'serve', '--port', '0', '--dir', dir], { cwd: ROOT, env: { ...process.env, AMDAHL_URL: '' } });
  try {
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed:\n${out}`)), 150_000);
      child.stdout.on('data', (d) => {
        out += d;
        const m = /AMDAHL_URL=(\S+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      child.stderr.on('data', (d) => (out += d));
      child.once('exit', (code) => reject(new Error(`exited ${code}:\n${out}`)));
    });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${url}/api/platform/v1/data/query`, {
      method: 'POST',
      headers: { authorization: 'Bearer amdhl_local_dev', 'content-type': 'application/json' },
      body: JSON.stringify({ sql: 'SELECT channel, COUNT(*) AS events FROM interactions GROUP BY channel ORDER BY events DESC LIMIT 5' }),
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { rows: unknown[] }).rows).toHaveLength(5);
    const pages = await fetch(`${url}/api/platform/v1/pages`, { headers: { authorization: 'Bearer amdhl_local_dev' } });
    expect(((await pages.json()) as { items: { name: string }[] }).items.map((p) => p.name).sort()).toEqual(['Channel health', 'Weekly sentiment']);
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  expect(child.exitCode).toBe(0);
}, 180_000);
