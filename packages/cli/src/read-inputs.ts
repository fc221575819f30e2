/**
 * The files a command works on: named files, directories (every .json below
 * them, node_modules and dot-folders skipped), globs, and `-` for stdin.
 */
import { readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { glob } from 'tinyglobby';
import { RunError, UsageError, type CliIO } from './io';

export interface InputFile {
  /** As shown in output: relative to the working directory, or `<stdin>`. */
  name: string;
  /** Absolute path; undefined for stdin. */
  path?: string;
  text: string;
}

// __data__ holds recorded query results for `amdahl-pages test`, not pages.
const IGNORE = ['**/node_modules/**', '**/.*/**', '**/__data__/**'];

/** The one line said when a folder a command works on holds no pages (validate, fmt, test, diff, push). */
export function noPagesMessage(shown: string, what = '*.page.json files'): string {
  return `no pages in ${shown} (no ${what}): get them with amdahl-pages pull (--dir names another folder), or write one there`;
}

/** Every file the arguments name. A folder with no JSON below it, or a path that is not there, is exit 2 with one line. */
export async function expandInputs(args: readonly string[], io: CliIO): Promise<string[]> {
  const out: string[] = [];
  for (const arg of args) {
    if (arg === '-') {
      out.push('-');
      continue;
    }
    const absolute = path.resolve(io.cwd, arg);
    const info = await stat(absolute).catch(() => undefined);
    if (info?.isDirectory()) {
      const found = await glob('**/*.json', { cwd: absolute, ignore: IGNORE, absolute: true });
      if (found.length === 0) throw new RunError(noPagesMessage(arg, '*.json files below it'));
      out.push(...found.sort());
    } else if (info?.isFile()) {
      out.push(absolute);
    } else if (/[*?[\]{}]/.test(arg)) {
      const found = await glob(arg, { cwd: io.cwd, ignore: IGNORE, absolute: true });
      if (found.length === 0) throw new UsageError(`no file matches ${arg}`);
      out.push(...found.sort());
    } else {
      const hint = path.extname(arg) === '' ? ': to get a folder of pages, run amdahl-pages pull' : '';
      throw new RunError(`cannot read ${arg}: no such file or directory${hint}`);
    }
  }
  return [...new Set(out)];
}

export async function readInput(file: string, io: CliIO): Promise<InputFile> {
  if (file === '-') return { name: '<stdin>', text: await io.readStdin() };
  try {
    // Synchronous on purpose: one file after another, a thousand awaits cost more than the reads.
    return { name: path.relative(io.cwd, file) || file, path: file, text: readFileSync(file, 'utf8') };
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
  }
}
