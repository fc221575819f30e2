/**
 * One progress line on stderr for long runs (many files, online checks,
 * pushes), redrawn in place at most ten times a second. Silent when stderr is
 * not a terminal, so CI logs and piped output stay clean.
 */
import type { CliIO } from './io';

export interface Progress {
  update(done: number, total: number, detail?: string): void;
  /** Clears the line. */
  end(): void;
}

const SILENT: Progress = { update() {}, end() {} };

export function startProgress(io: CliIO, label: string): Progress {
  if (!io.progress) return SILENT;
  let last = 0;
  let shown = false;
  return {
    update(done, total, detail) {
      const now = Date.now();
      if (done < total && now - last < 100) return;
      last = now;
      shown = true;
      const line = `${label} ${done}/${total}${detail ? ` ${detail}` : ''}`;
      io.stderr(`\r\x1b[2K${line.slice(0, (process.stderr.columns || 100) - 1)}`);
    },
    end() {
      if (shown) io.stderr('\r\x1b[2K');
      shown = false;
    },
  };
}
