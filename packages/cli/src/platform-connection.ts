/**
 * Which platform the CLI talks to: the one AMDAHL_URL names (with API_KEY),
 * or, when both are unset, the embedded local platform in AMDAHL_LOCAL_DIR
 * (default .amdahl), in process, as the studio does. Anything in between is
 * refused rather than guessed (see platformSettings). Either way every call
 * goes through the one platform client.
 */
import { catalog } from '../../../catalog';
import { platformPageValidator } from '../../../lib/local-platform/page-validator';
import { createPlatformClient, isPlatformError, type PlatformClient } from '../../../lib/platform';
import { RunError, type CliIO } from './io';

export interface PlatformConnection {
  client: PlatformClient;
  /** Said in messages: the URL, or the local platform's folder. */
  where: string;
  /** Recorded in the folder's sync state as where its pages came from: the origin, or `the embedded local platform`. */
  origin?: string;
  close(): Promise<void>;
}

const LOCAL_BASE_URL = 'http://local.amdahl.invalid/api/platform/v1';
const LOCAL_DEV_KEY = 'amdhl_local_dev';
export const EMBEDDED_ORIGIN = 'the embedded local platform';

/** The platform paragraph of the help of every command that talks to a platform. */
export const PLATFORM_SETTINGS_HELP = `Platform: AMDAHL_URL (the origin) and API_KEY together, or neither: the
embedded local platform in AMDAHL_LOCAL_DIR (default .amdahl). An empty
AMDAHL_URL, AMDAHL_URL without API_KEY, or an API_KEY without AMDAHL_URL
(other than a key of the embedded platform) is one line and exit 2.`;

export type PlatformSettings = { kind: 'remote'; url: URL; apiKey: string } | { kind: 'local'; apiKey?: string };

/**
 * What the environment names. Both unset: the embedded platform. An empty
 * AMDAHL_URL (what CI gives for an unset repository variable), a URL without
 * a key, or a key without a URL is one line and exit 2: a key meant for a
 * real platform must not be used against the embedded one, nor an empty
 * setting quietly fall back to it. A key the embedded platform knows (its
 * dev key, or one in AMDAHL_LOCAL_KEYS) may be given without a URL.
 */
export function platformSettings(env: Record<string, string | undefined>, localKeys: readonly string[] = []): PlatformSettings {
  const url = env.AMDAHL_URL?.trim();
  const apiKey = env.API_KEY?.trim();
  if (env.AMDAHL_URL !== undefined && !url) {
    throw new RunError('AMDAHL_URL is set but empty (in CI: an unset repository variable): set it to the platform\'s origin, or unset it to use the embedded local platform');
  }
  if (url) {
    if (!apiKey) throw new RunError(`AMDAHL_URL is ${url} but API_KEY is ${env.API_KEY === undefined ? 'not set' : 'empty'}: set API_KEY to a key for that platform`);
    try {
      return { kind: 'remote', url: new URL(url), apiKey };
    } catch {
      throw new RunError(`AMDAHL_URL is not a URL: ${url} (give the platform's origin, such as https://amdahl.example.com)`);
    }
  }
  if (apiKey && apiKey !== LOCAL_DEV_KEY && !localKeys.includes(apiKey)) {
    throw new RunError('API_KEY is set but AMDAHL_URL is not: set AMDAHL_URL to the platform that key is for, or unset API_KEY to use the embedded local platform');
  }
  return { kind: 'local', ...(apiKey ? { apiKey } : {}) };
}

async function localOptions(env: Record<string, string | undefined>) {
  const { localPlatformOptionsFromEnv } = await import('../../../lib/local-platform');
  try {
    return localPlatformOptionsFromEnv(env);
  } catch (error) {
    // A malformed local setting (AMDAHL_LOCAL_KEYS, a limit) is the user's to fix: one line, no stack.
    throw new RunError((error as Error).message);
  }
}

export async function connectPlatform(io: CliIO): Promise<PlatformConnection> {
  const env = io.env ?? process.env;
  const apiVersion = env.AMDAHL_API_VERSION?.trim() || undefined;
  const options = env.AMDAHL_URL === undefined ? await localOptions(env) : {};
  const settings = platformSettings(env, (options.keys ?? []).map((k) => k.key));
  if (settings.kind === 'remote') {
    const baseUrl = `${settings.url.href.replace(/\/+$/, '')}/api/platform/v1`;
    const client = createPlatformClient({ baseUrl, apiKey: settings.apiKey, apiVersion });
    return { client, where: settings.url.origin, origin: settings.url.origin, close: async () => {} };
  }
  const { createLocalPlatform } = await import('../../../lib/local-platform');
  const local = createLocalPlatform({ ...options, validatePage: platformPageValidator(catalog) });
  const client = createPlatformClient({ baseUrl: LOCAL_BASE_URL, apiKey: settings.apiKey ?? LOCAL_DEV_KEY, apiVersion, fetch: (request: Request) => local.handle(request) });
  io.stderr(`amdahl-pages: AMDAHL_URL is unset: using the embedded local platform in ${local.dir}\n`);
  // Opens (and on first use seeds) its databases and demo pages.
  await local.ready();
  return { client, where: `the local platform in ${local.dir}`, origin: EMBEDDED_ORIGIN, close: () => local.close() };
}

/** Runs `work` with a connection, closes it, and turns a platform failure into a RunError (exit 2) that says where. */
export async function withPlatform<T>(io: CliIO, work: (connection: PlatformConnection) => Promise<T>): Promise<T> {
  const connection = await connectPlatform(io);
  try {
    return await work(connection);
  } catch (error) {
    if (isPlatformError(error)) throw new RunError(`${connection.where}: ${error.code}: ${error.message}`);
    throw error;
  } finally {
    await connection.close();
  }
}
