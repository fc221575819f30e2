import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { toNodeListener } from '../http/node-adapter';
import { API_BASE_PATH, createLocalPlatform, type LocalPlatform, type LocalPlatformOptions } from './index';

export interface ServeLocalPlatformOptions extends LocalPlatformOptions {
  /** 0 picks a free port. Default 4010. */
  port?: number;
  /** Default 127.0.0.1. Beyond loopback the built-in dev key is refused unless allowDevKey says otherwise. */
  host?: string;
  /** Wait for ready() (databases opened and seeded) before resolving. Default true. */
  waitReady?: boolean;
}

export interface ServedLocalPlatform {
  /** The origin, e.g. http://127.0.0.1:4010: what AMDAHL_URL should be. */
  url: string;
  /** `${url}/api/platform/v1` */
  baseUrl: string;
  platform: LocalPlatform;
  server: Server;
  close(): Promise<void>;
}

export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\./.test(h);
}

/** Serves the local platform on node:http at `/api/platform/v1/...`. */
export async function serveLocalPlatform(options: ServeLocalPlatformOptions = {}): Promise<ServedLocalPlatform> {
  const { port = 4010, host = '127.0.0.1', waitReady = true, ...platformOptions } = options;
  const platform = createLocalPlatform({
    ...platformOptions,
    allowDevKey: platformOptions.allowDevKey ?? isLoopback(host),
  });
  const server = createServer(toNodeListener(platform.handle));
  server.keepAliveTimeout = 5_000;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    if (waitReady) await platform.ready();
  } catch (error) {
    server.close();
    await platform.close();
    throw error;
  }
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${shownHost}:${address.port}`;
  let closing: Promise<void> | undefined;
  return {
    url,
    baseUrl: `${url}${API_BASE_PATH}`,
    platform,
    server,
    close() {
      closing ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await platform.close();
      })();
      return closing;
    },
  };
}
