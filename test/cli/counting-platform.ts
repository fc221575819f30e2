/**
 * The real local platform over HTTP on 127.0.0.1 (a fresh data directory, the
 * shared initdb template), counting the requests it answers, so a test or the
 * bench can say how many platform calls a command made.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { toNodeListener } from '../../lib/http/node-adapter';
import { API_BASE_PATH, createLocalPlatform, type LocalPlatformOptions } from '../../lib/local-platform';

export interface CountingPlatform {
  /** The origin: what AMDAHL_URL is set to. */
  url: string;
  baseUrl: string;
  /** Requests answered, by `METHOD /path` (after /api/platform/v1), and by status. */
  calls: Map<string, number>;
  statuses: Map<number, number>;
  count(route: string): number;
  reset(): void;
  close(): Promise<void>;
}

export const INITDB_TEMPLATE = path.join(os.tmpdir(), 'amdahl-test-pglite-initdb.tar');

export async function startCountingPlatform(dir: string, options: LocalPlatformOptions = {}): Promise<CountingPlatform> {
  const platform = createLocalPlatform({ dir, initdbTemplate: INITDB_TEMPLATE, ...options });
  await platform.ready();
  const calls = new Map<string, number>();
  const statuses = new Map<number, number>();
  const server = createServer(
    toNodeListener(async (request) => {
      const route = `${request.method} ${new URL(request.url).pathname.replace(API_BASE_PATH, '')}`;
      calls.set(route, (calls.get(route) ?? 0) + 1);
      const response = await platform.handle(request);
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      return response;
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    baseUrl: `${url}${API_BASE_PATH}`,
    calls,
    statuses,
    count: (route) => calls.get(route) ?? 0,
    reset() {
      calls.clear();
      statuses.clear();
    },
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await platform.close();
    },
  };
}
