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

/** Exit codes: 0 clean, 1 problems found, 2 usage or I/O. */
export const EXIT = { ok: 0, problems: 1, usage: 2 } as const;
