/** The `amdahl-pages` command line: pages as code (validate, fmt, pull, diff, push, test) and the local platform. */
import { readFileSync } from 'node:fs';
import { EXIT, processIO, RunError, UsageError, type CliIO } from './io';

export interface Command {
  /** One line in the overview. */
  summary: string;
  /** Loaded on use, so a command's dependencies cost nothing to the others. */
  load(): Promise<{ run(argv: string[], io: CliIO, version: string): Promise<number>; help: string }>;
}

/** Adding a command: one entry here and its module in commands/. */
export const COMMANDS: Record<string, Command> = {
  validate: {
    summary: 'check pages; every problem with file, line and column (--online: against the platform)',
    load: async () => {
      // The SQL parser's WebAssembly compiles off the main thread while the command's modules load.
      void import('../../../lib/spec/sql-check').then((sql) => sql.loadSqlParser());
      const m = await import('./commands/validate');
      return { run: m.validateCommand, help: m.VALIDATE_HELP };
    },
  },
  fmt: {
    summary: 'print, check or write the canonical form',
    load: async () => {
      const m = await import('./commands/fmt');
      return { run: (argv, io) => m.fmtCommand(argv, io), help: m.FMT_HELP };
    },
  },
  pull: {
    summary: 'write the platform\'s pages into a folder, one file per page',
    load: async () => {
      const m = await import('./commands/pull');
      return { run: m.pullCommand, help: m.PULL_HELP };
    },
  },
  diff: {
    summary: 'show, per page, what push would change (nodes, props and queries by JSON pointer)',
    load: async () => {
      const m = await import('./commands/diff');
      return { run: m.diffCommand, help: m.DIFF_HELP };
    },
  },
  push: {
    summary: 'create and update the folder\'s pages on the platform (If-Match; --prune archives)',
    load: async () => {
      const m = await import('./commands/push');
      return { run: m.pushCommand, help: m.PUSH_HELP };
    },
  },
  test: {
    summary: 'render every page over recorded query results; --record records them',
    load: async () => {
      const m = await import('./commands/test');
      return { run: m.testCommand, help: m.TEST_HELP };
    },
  },
  embed: {
    summary: 'mint a signed embed link for a page; print the URL and the snippet',
    load: async () => {
      const m = await import('./commands/embed');
      return { run: (argv, io) => m.embedCommand(argv, io), help: m.EMBED_HELP };
    },
  },
  platform: {
    summary: 'platform serve: run the embedded local platform on its own (--port, --host, --dir)',
    load: async () => {
      const m = await import('./commands/platform');
      return { run: (argv, io) => m.platformCommand(argv, io), help: m.PLATFORM_HELP };
    },
  },
};

function overview(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length)) + 2;
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}${c.summary}`);
  return `Usage: amdahl-pages <command> [options]

Commands:
${lines.join('\n')}

Platform: AMDAHL_URL and API_KEY name a platform; both unset, the embedded
local platform in AMDAHL_LOCAL_DIR (default .amdahl) is used. One without the
other, or an empty AMDAHL_URL, is an error (exit 2).
Exit codes: 0 clean, 1 findings, 2 usage, read or platform error.
Run amdahl-pages <command> --help for a command's options.
`;
}

function version(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--version' || command === '-v') {
    io.stdout(`${version()}\n`);
    return EXIT.ok;
  }
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    io.stdout(overview());
    return command === undefined ? EXIT.usage : EXIT.ok;
  }
  const entry = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  let help = overview();
  try {
    if (!entry) throw new UsageError(`unknown command "${command}"`);
    const loaded = await entry.load();
    help = loaded.help;
    return await loaded.run(rest, io, version());
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`amdahl-pages: ${(error as Error).message}\n`);
      io.stderr(`\n${help}`);
      return EXIT.usage;
    }
    if (error instanceof RunError) {
      io.stderr(`amdahl-pages: ${error.message}\n`);
      return EXIT.usage;
    }
    io.stderr(`amdahl-pages: ${(error as Error).stack ?? String(error)}\n`);
    return EXIT.usage;
  }
}
