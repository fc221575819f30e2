import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ApiError } from './errors';

/**
 * One local platform per data directory. Two PGlite instances on one data
 * directory corrupt it, and two page stores overwrite each other, so the
 * platform holds `<dir>/platform.lock` (its pid and an instance id) while it
 * runs. A lock left by a process that is gone is taken over.
 */
const HELD: Set<string> = ((globalThis as Record<symbol, unknown>)[Symbol.for('amdahl.local-platform.locks')] ??= new Set<string>()) as Set<string>;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class DirLock {
  private readonly file: string;
  private readonly token = `${process.pid} ${randomUUID()}`;
  private held = false;

  constructor(dir: string) {
    this.file = path.join(dir, 'platform.lock');
  }

  /** Throws 503 unavailable when another live platform holds the directory. */
  acquire(): void {
    if (this.held) return;
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    if (HELD.has(this.file)) {
      throw new ApiError('unavailable', `another local platform in this process already uses ${path.dirname(this.file)}`);
    }
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        fs.writeFileSync(this.file, `${this.token}\n`, { flag: 'wx', mode: 0o600 });
        this.held = true;
        HELD.add(this.file);
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      let owner = NaN;
      try {
        owner = Number(fs.readFileSync(this.file, 'utf8').split(' ')[0]);
      } catch {
        continue; // removed meanwhile: try again
      }
      // This process holds no lock on the directory (HELD says so), so a lock with our pid is a leftover.
      if (Number.isInteger(owner) && owner !== process.pid && alive(owner)) {
        throw new ApiError('unavailable', `the data directory ${path.dirname(this.file)} is in use by process ${owner}`);
      }
      fs.rmSync(this.file, { force: true });
    }
    throw new ApiError('unavailable', `could not lock the data directory ${path.dirname(this.file)}`);
  }

  release(): void {
    if (!this.held) return;
    this.held = false;
    HELD.delete(this.file);
    try {
      if (fs.readFileSync(this.file, 'utf8').trim() === this.token) fs.rmSync(this.file, { force: true });
    } catch {
      // already gone
    }
  }
}
