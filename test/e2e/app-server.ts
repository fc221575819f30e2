/**
 * Builds the app once (when the build is missing or older than the sources)
 * and starts `next start` on a free loopback port with its own data directory.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
const NEXT = path.join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next');

function newestSource(dir: string, newest = 0): number {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.') || entry.name === 'test') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = newestSource(full, newest);
    else if (/\.(tsx?|css|json|mjs)$/.test(entry.name)) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

export function ensureBuild(): void {
  const buildId = path.join(ROOT, '.next', 'BUILD_ID');
  if (existsSync(buildId) && statSync(buildId).mtimeMs > newestSource(ROOT)) return;
  const result = spawnSync(process.execPath, [NEXT, 'build'], { cwd: ROOT, env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' }, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`next build failed with ${result.status}`);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface AppServer {
  url: string;
  dir: string;
  /** Everything the server printed so far. */
  logs(): string;
  stop(): Promise<void>;
}

const running = new Set<AppServer>();

/** The app servers of this test file still running (setup-failure-logs.ts prints their output when a test fails). */
export function runningApps(): readonly AppServer[] {
  return [...running];
}

export async function startApp(options: { dir?: string; port?: number; env?: Record<string, string> } = {}): Promise<AppServer> {
  // A data directory made here (140 MB once seeded) goes when the server stops; one passed in belongs to the caller.
  const dir = options.dir ?? mkdtempSync(path.join(os.tmpdir(), 'amdahl-e2e-'));
  const ownsDir = options.dir === undefined;
  const port = options.port ?? (await freePort());
  // The app's own server (Next behind the embed cache), as `npm run studio` runs it.
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'serve-app.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      NEXT_TELEMETRY_DISABLED: '1',
      AMDAHL_LOCAL_DIR: dir,
      AMDAHL_LISTEN_HOST: '127.0.0.1',
      AMDAHL_APP_ORIGIN: `http://127.0.0.1:${port}`,
      AMDAHL_URL: '',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  const probeKey = options.env?.API_KEY || 'amdhl_local_dev';
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the app server exited early:\n${output}`);
    try {
      // On the embedded platform the first request opens PGlite; against AMDAHL_URL the app mounts no platform, so any static answer will do.
      const probe = options.env?.AMDAHL_URL ? `${url}/embed.js` : `${url}/api/platform/v1/pages?limit=1`;
      const response = await fetch(probe, { headers: { authorization: `Bearer ${probeKey}` } });
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      // Never leave a server behind a failed start.
      child.kill('SIGKILL');
      throw new Error(`the app did not come up in time:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  const app: AppServer = {
    url,
    dir,
    logs: () => output,
    stop: async () => {
      running.delete(app);
      await new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      });
      if (ownsDir) rmSync(dir, { recursive: true, force: true });
    },
  };
  running.add(app);
  return app;
}
