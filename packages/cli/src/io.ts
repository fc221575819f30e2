/** Where the CLI's text goes; injectable so tests run commands in-process. */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  readStdin(): Promise<string>;
  /** Colour only on a terminal, and never when NO_COLOR is set. */
  color: boolean;
  /** A progress line for long runs: only when stderr is a terminal. */
  progress?: boolean;
  cwd: string;
  /** Where AMDAHL_URL, API_KEY and the local platform's settings are read (default: process.env). */
  env?: Record<string, string | undefined>;
}

export function processIO(): CliIO {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
    progress: Boolean(process.stderr.isTTY),
    cwd: process.cwd(),
    env: process.env,
  };
}

export class UsageError extends Error {}

/** A failure that is not the user's syntax (a platform that cannot be reached, a file that cannot be written): exit 2, no usage text. */
export class RunError extends Error {}

/** The options every reporting command takes (parseArgs). */
export const OUTPUT_OPTIONS = {
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Whether a command colours its output: --no-color wins, then --color, then the terminal (CliIO.color). */
export function colorOf(values: { color?: boolean; 'no-color'?: boolean }, io: CliIO): boolean {
  return values['no-color'] ? false : (values.color ?? io.color);
}

/** `--format`'s value when it is one of `formats`; a usage error naming them otherwise. */
export function formatOf<F extends string>(value: string | undefined, formats: readonly F[]): F {
  if (!formats.includes(value as F)) throw new UsageError(`--format must be one of ${formats.join(', ')}`);
  return value as F;
}

/** Exit codes: 0 clean, 1 problems found, 2 usage or I/O. */
export const EXIT = { ok: 0, problems: 1, usage: 2 } as const;
