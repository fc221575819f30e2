/**
 * Which platform the CLI talks to: the one AMDAHL_URL names (with API_KEY),
 * or, when AMDAHL_URL is unset, the embedded local platform in
 * AMDAHL_LOCAL_DIR (default .amdahl), in process, as the studio does.
 * Either way every call goes through the one platform client.
 */
import { catalog } from '../../../catalog';
import { platformPageValidator } from '../../../lib/local-platform/page-validator';
import { createPlatformClient, isPlatformError, type PlatformClient } from '../../../lib/platform';
import { RunError, UsageError, type CliIO } from './io';

export interface PlatformConnection {
  client: PlatformClient;
  /** Said in messages: the URL, or the local platform's folder. */
  where: string;
  close(): Promise<void>;
}

const LOCAL_BASE_URL = 'http://local.amdahl.invalid/api/platform/v1';
const LOCAL_DEV_KEY = 'amdhl_local_dev';

export async function connectPlatform(io: CliIO): Promise<PlatformConnection> {
  const env = io.env ?? process.env;
  const url = env.AMDAHL_URL?.trim();
  const apiKey = env.API_KEY?.trim();
  const apiVersion = env.AMDAHL_API_VERSION?.trim() || undefined;
  if (url) {
    if (!apiKey) throw new UsageError('AMDAHL_URL is set but API_KEY is not: set API_KEY to a key for that platform');
    let origin: URL;
    try {
      origin = new URL(url);
    } catch {
      throw new UsageError(`AMDAHL_URL is not a URL: ${url}`);
    }
    const baseUrl = `${origin.href.replace(/\/+$/, '')}/api/platform/v1`;
    return { client: createPlatformClient({ baseUrl, apiKey, apiVersion }), where: origin.origin, close: async () => {} };
  }
  const { createLocalPlatform, localPlatformOptionsFromEnv } = await import('../../../lib/local-platform');
  const local = createLocalPlatform({ ...localPlatformOptionsFromEnv(env), validatePage: platformPageValidator(catalog) });
  const client = createPlatformClient({ baseUrl: LOCAL_BASE_URL, apiKey: apiKey || LOCAL_DEV_KEY, apiVersion, fetch: (request: Request) => local.handle(request) });
  io.stderr(`amdahl-pages: AMDAHL_URL is unset: using the embedded local platform in ${local.dir}\n`);
  // Opens (and on first use seeds) its databases and demo pages.
  await local.ready();
  return { client, where: `the local platform in ${local.dir}`, close: () => local.close() };
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
