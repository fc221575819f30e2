/** Where the CLI's text goes; injectable so tests run commands in-process. */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  readStdin(): Promise<string>;
  /** Colour only on a terminal, and never when NO_COLOR is set. */
  color: boolean;
  cwd: string;
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
    cwd: process.cwd(),
  };
}

export class UsageError extends Error {}

/** Exit codes: 0 clean, 1 problems found, 2 usage or I/O. */
export const EXIT = { ok: 0, problems: 1, usage: 2 } as const;
