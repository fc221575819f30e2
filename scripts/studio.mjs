#!/usr/bin/env node
/**
 * Builds the studio when needed and starts it on http://localhost:3000 (PORT
 * and HOST override). It listens on loopback by default; the host is passed on
 * as AMDAHL_LISTEN_HOST so the app knows when the built-in dev key must stop
 * working (anything beyond loopback).
 */
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const next = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
const port = process.env.PORT ?? '3000';
const host = process.env.HOST ?? '127.0.0.1';
// Where the app reaches itself (the local platform's page webhooks, embed URLs); a browser may use another name.
const selfHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
const env = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: '1',
  AMDAHL_LISTEN_HOST: host,
  AMDAHL_APP_ORIGIN: process.env.AMDAHL_APP_ORIGIN ?? `http://${selfHost.includes(':') ? `[${selfHost}]` : selfHost}:${port}`,
};

const buildId = path.join(root, '.next', 'BUILD_ID');
const stamp = path.join(root, '.next', 'amdahl-source-stamp');
const sourceStamp = spawnSync('git', ['-C', root, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).stdout?.trim() + ':' + spawnSync('git', ['-C', root, 'status', '--porcelain'], { encoding: 'utf8' }).stdout;
const built = existsSync(buildId) && existsSync(stamp) && readFileSync(stamp, 'utf8') === sourceStamp && statSync(buildId).size > 0;
if (!built || process.argv.includes('--rebuild')) {
  const result = spawnSync(process.execPath, [next, 'build'], { cwd: root, env, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
  (await import('node:fs')).writeFileSync(stamp, sourceStamp);
}
// Next behind the app's embed cache (scripts/serve-app.ts).
const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', 'serve-app.ts')], {
  cwd: root,
  env: { ...env, NODE_ENV: 'production', HOST: host, PORT: port },
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
