/** The `amdahl-pages` command line: validate and format pages as code, run the local platform. */
import { readFileSync } from 'node:fs';
import { fmtCommand, FMT_HELP } from './commands/fmt';
import { validateCommand, VALIDATE_HELP } from './commands/validate';
import { EXIT, processIO, UsageError, type CliIO } from './io';

const HELP = `Usage: amdahl-pages <command> [options]

Commands:
  validate <files...>     check pages; every problem with file, line and column
  fmt <files...>          print, check or write the canonical form
  embed <page-id>         mint a signed embed link and print the URL and the snippet
  platform serve          run the embedded local platform on its own (--port, --host, --dir)

Run amdahl-pages <command> --help for a command's options.
`;

function version(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'validate':
        return await validateCommand(rest, io, version());
      case 'fmt':
        return await fmtCommand(rest, io);
      case 'embed': {
        const { embedCommand } = await import('./commands/embed');
        return await embedCommand(rest, io);
      }
      case 'platform': {
        const { platformCommand } = await import('./commands/platform');
        return await platformCommand(rest, io);
      }
      case '--version':
      case '-v':
        io.stdout(`${version()}\n`);
        return EXIT.ok;
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.stdout(HELP);
        return command === undefined ? EXIT.usage : EXIT.ok;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`amdahl-pages: ${(error as Error).message}\n`);
      const help = command === 'validate' ? VALIDATE_HELP : command === 'fmt' ? FMT_HELP : HELP;
      io.stderr(`\n${help}`);
      return EXIT.usage;
    }
    io.stderr(`amdahl-pages: ${(error as Error).stack ?? String(error)}\n`);
    return EXIT.usage;
  }
}
