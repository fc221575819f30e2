/**
 * What the pages-as-code tests share: a work folder with the real local
 * platform over HTTP (counting its requests), and the CLI run two ways, in
 * this process through `main` or as the bin in a child process, against it.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { createPlatformClient, type PlatformClient } from '../../lib/platform';
import type { LocalPlatformOptions } from '../../lib/local-platform';
import type { CliIO } from '../../packages/cli/src/io';
import { main } from '../../packages/cli/src/main';
import { startCountingPlatform, type CountingPlatform } from './counting-platform';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const BIN = path.join(ROOT, 'packages', 'cli', 'bin', 'amdahl-pages.mjs');
export const KEY = 'amdhl_local_dev';

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export interface PagesWorkspace {
  /** The work folder, removed after the file's tests. */
  readonly work: string;
  readonly platform: CountingPlatform;
  /** A client of the platform with the dev key. */
  readonly client: PlatformClient;
  /** A new folder under the work folder. */
  freshDir(name: string): string;
  /** The CLI in this process; `env` is the whole environment it sees (default: the platform and the dev key). */
  run(args: string[], cwd: string, extra?: Partial<CliIO>): Promise<Run>;
  /** The bin in a child process, as CI runs it; `env` adds to the platform settings (undefined removes one). */
  runBin(args: readonly string[], cwd: string, env?: Record<string, string | undefined>): Promise<Run>;
}

/** Registers the file's beforeAll/afterAll: a work folder and the local platform in it. */
export function pagesWorkspace(prefix: string, options: LocalPlatformOptions = {}): PagesWorkspace {
  let work = '';
  let platform: CountingPlatform | undefined;
  let client: PlatformClient | undefined;
  beforeAll(async () => {
    work = mkdtempSync(path.join(os.tmpdir(), prefix));
    platform = await startCountingPlatform(path.join(work, 'platform'), options);
    client = createPlatformClient({ baseUrl: platform.baseUrl, apiKey: KEY });
  }, 180_000);
  afterAll(async () => {
    await platform?.close();
    rmSync(work, { recursive: true, force: true });
  });
  const settings = () => ({ AMDAHL_URL: platform!.url, API_KEY: KEY });
  return {
    get work() {
      return work;
    },
    get platform() {
      return platform!;
    },
    get client() {
      return client!;
    },
    freshDir(name) {
      const dir = path.join(work, name);
      mkdirSync(dir, { recursive: true });
      return dir;
    },
    async run(args, cwd, extra = {}) {
      let stdout = '';
      let stderr = '';
      const io: CliIO = {
        stdout: (t) => void (stdout += t),
        stderr: (t) => void (stderr += t),
        readStdin: async () => '',
        color: false,
        cwd,
        env: settings(),
        ...extra,
      };
      const code = await main(args, io);
      return { code, stdout, stderr };
    },
    runBin(args, cwd, env = {}) {
      const merged: NodeJS.ProcessEnv = { ...process.env, ...settings(), NO_COLOR: '1' };
      for (const [k, v] of Object.entries(env)) {
        if (v === undefined) delete merged[k];
        else merged[k] = v;
      }
      // Async: the platform answers from this process.
      return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [BIN, ...args], { cwd, env: merged });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d) => (stdout += d));
        child.stderr.on('data', (d) => (stderr += d));
        child.once('error', reject);
        child.once('exit', (code) => resolve({ code: code ?? -1, stdout, stderr }));
      });
    },
  };
}

export const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Record<string, any>;
export const pageFiles = (folder: string) => readdirSync(folder).filter((f) => f.endsWith('.page.json')).sort();
