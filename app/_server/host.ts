/**
 * The one place the app puts the catalog and lib together. One host per
 * server process (kept on globalThis so dev reloads do not open PGlite twice).
 */
import { catalog } from '../../catalog';
import { createHost, type Host } from '../../lib/host/host';

const holder = globalThis as typeof globalThis & { __amdahlHost?: Host };

export function host(): Host {
  holder.__amdahlHost ??= createHost({ catalog, env: process.env });
  return holder.__amdahlHost;
}
