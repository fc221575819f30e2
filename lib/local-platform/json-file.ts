import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/** Runs tasks one after another: the writers of one file never interleave. */
export class Mutex {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

/**
 * Writes a file so that a reader, or the next start after a crash, sees the
 * old content or the new one, never half of either: write a temporary file
 * beside it, flush it, rename it over the old one.
 */
export async function writeFileAtomic(file: string, content: string, mode = 0o600): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await fs.open(temp, 'w', mode);
  try {
    await handle.writeFile(content, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
}

export async function readJsonFile<T>(file: string): Promise<T | undefined> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return JSON.parse(text) as T;
}

/**
 * A JSON document kept in memory and on disk. `update` computes the next
 * state from a copy, writes it atomically, and only then replaces the state
 * in memory: an update that throws, or whose write fails, changes nothing.
 */
export class JsonDocument<T> {
  private state: T | undefined;
  private loading: Promise<T> | undefined;
  private readonly mutex = new Mutex();

  constructor(
    readonly file: string,
    private readonly initial: () => T | Promise<T>,
  ) {}

  private load(): Promise<T> {
    this.loading ??= (async () => {
      const existing = await readJsonFile<T>(this.file);
      if (existing !== undefined) return existing;
      const fresh = await this.initial();
      await writeFileAtomic(this.file, JSON.stringify(fresh, null, 2));
      return fresh;
    })();
    this.loading.catch(() => {
      this.loading = undefined;
    });
    return this.loading;
  }

  async read(): Promise<T> {
    if (this.state === undefined) this.state = await this.mutex.run(() => this.load());
    return this.state;
  }

  /** `change` gets a deep copy; what it returns is the next state, `result` what the caller gets. */
  update<R>(change: (draft: T) => { next: T; result: R } | Promise<{ next: T; result: R }>): Promise<R> {
    return this.mutex.run(async () => {
      const current = this.state ?? (this.state = await this.load());
      const draft = structuredClone(current);
      const { next, result } = await change(draft);
      await writeFileAtomic(this.file, JSON.stringify(next, null, 2));
      this.state = next;
      return result;
    });
  }
}
