/** `amdahl-pages platform serve`: the embedded local platform alone, for other clients and tools. */
import { parseArgs } from 'node:util';
import { catalog } from '../../../../catalog';
import { platformPageValidator } from '../../../../lib/local-platform/page-validator';
import { loadSqlParser } from '../../../../lib/spec/sql-check';
import { localPlatformOptionsFromEnv } from '../../../../lib/local-platform';
import { serveLocalPlatform } from '../../../../lib/local-platform/serve';
import { EXIT, UsageError, type CliIO } from '../io';

export const PLATFORM_HELP = `Usage: amdahl-pages platform serve [--port 4010] [--host 127.0.0.1] [--dir .amdahl]

Serves the Amdahl Platform API contract on PGlite at http://HOST:PORT/api/platform/v1.
The built-in key amdhl_local_dev works on loopback only; AMDAHL_LOCAL_KEYS defines more.
`;

export async function platformCommand(argv: string[], io: CliIO): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'serve') {
    if (sub === '--help' || sub === '-h' || sub === undefined) {
      io.stdout(PLATFORM_HELP);
      return sub === undefined ? EXIT.usage : EXIT.ok;
    }
    throw new UsageError(`unknown platform command "${sub}"`);
  }
  const { values } = parseArgs({
    args: rest,
    options: { port: { type: 'string', default: '4010' }, host: { type: 'string', default: '127.0.0.1' }, dir: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    io.stdout(PLATFORM_HELP);
    return EXIT.ok;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port takes a port number');
  await loadSqlParser();
  const envOptions = localPlatformOptionsFromEnv(process.env);
  const served = await serveLocalPlatform({
    ...envOptions,
    ...(values.dir ? { dir: values.dir } : {}),
    port,
    host: values.host,
    log: (message) => io.stderr(`${message}\n`),
    validatePage: platformPageValidator(catalog),
  });
  io.stdout(`Local Amdahl platform at ${served.baseUrl}\nAMDAHL_URL=${served.url}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await served.close();
  return EXIT.ok;
}
