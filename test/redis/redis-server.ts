/**
 * A real Debian redis-server for one test file: on a free loopback port,
 * nothing written to disk, stopped (and waited for) by `stop()`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { freePort } from '../e2e/app-server';

// The tests that start Redis also need free ports for their own servers: one way to find them.
export { freePort };

export interface RedisServer {
  url: string;
  port: number;
  process: ChildProcess;
  /** Freezes the server (SIGSTOP): connections stay open, commands get no answer. */
  pause(): void;
  resume(): void;
  stop(): Promise<void>;
}

const BINARY = process.env.REDIS_SERVER_PATH ?? '/usr/bin/redis-server';


async function startOnce(port: number): Promise<RedisServer> {
  const child = spawn(BINARY, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--loglevel', 'warning'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`redis-server on port ${port} did not answer within 10 s: ${output}`)), 10_000);
    const poll = async () => {
      // Ready when it accepts a TCP connection and answers PING.
      while (child.exitCode === null) {
        if (await ping(port)) {
          clearTimeout(timer);
          return resolve();
        }
        await new Promise((r) => setTimeout(r, 50));
      }
      clearTimeout(timer);
      reject(new Error(`redis-server exited (${child.exitCode}) on port ${port}: ${output}`));
    };
    child.stdout!.on('data', (d) => (output += String(d)));
    child.stderr!.on('data', (d) => (output += String(d)));
    void poll();
  }).catch(async (error) => {
    child.kill('SIGKILL');
    await exited;
    throw error;
  });
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    process: child,
    pause: () => child.kill('SIGSTOP'),
    resume: () => child.kill('SIGCONT'),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGCONT');
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (d) => done(String(d).startsWith('+PONG')));
  });
}

export async function startRedis(): Promise<RedisServer> {
  if (!existsSync(BINARY)) throw new Error(`${BINARY} is missing: apt-get install redis-server (or set REDIS_SERVER_PATH)`);
  let last: unknown;
  // Another process may take the port between picking and binding it: try a few.
  for (let i = 0; i < 3; i++) {
    try {
      return await startOnce(await freePort());
    } catch (error) {
      last = error;
    }
  }
  throw last;
}
