/**
 * Validates many files on every core: the SQL parse dominates a large run,
 * and it is CPU-bound. The main thread takes a share too; results come back
 * in the order the files were named. Small runs stay on one thread, where a
 * worker's start-up would cost more than it saves.
 */
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { catalog } from '../../../catalog';
import { loadSqlParser } from '../../../lib/spec/sql-check';
import { analysePage, usePrecompiledValidators, type PageAnalysis, type ValidateOptions } from '../../../lib/spec/validate';
import { precompiledValidators } from './precompiled-validators';

export interface NamedText {
  name: string;
  text: string;
}

// Measured here: a worker's start-up (bundle, parser, validators) costs about as much as 500 files.
const PARALLEL_FROM = 2000;

const COMPONENT_TYPE = /"type"\s*:\s*"([A-Za-z]+)"/g;

/**
 * Loads what validation needs: the SQL parser, and the bundle's precompiled
 * validators when there are any, for the component types `texts` name (all
 * without texts). A type the scan misses still validates: it compiles on use.
 */
export async function prepareValidation(texts?: readonly string[]): Promise<void> {
  const parser = loadSqlParser();
  if (precompiledValidators) {
    const loaders = precompiledValidators;
    const wanted = texts ? new Set(texts.flatMap((t) => [...t.matchAll(COMPONENT_TYPE)].map((m) => m[1]!))) : undefined;
    const types = Object.keys(loaders).filter((type) => !wanted || wanted.has(type));
    usePrecompiledValidators(catalog, Object.fromEntries(await Promise.all(types.map(async (type) => [type, await loaders[type]!()] as const))));
  }
  await parser;
}

/** Every file's diagnostics and the facts the online checks and snapshot tests build on, in the order given. */
/**
 * The bundle's worker is plain JavaScript. From the TypeScript sources the
 * worker registers tsx itself first: `--import tsx` in a worker's execArgv is
 * not honoured on Node 20, and would resolve from the working directory.
 */
function startWorker(url: URL, workerData: unknown): Worker {
  if (!url.pathname.endsWith('.ts')) return new Worker(fileURLToPath(url), { workerData });
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const tsconfig = fileURLToPath(new URL('../../../tsconfig.json', import.meta.url));
  const script = `import(${JSON.stringify(tsxApi)}).then(({ register }) => { register({ tsconfig: ${JSON.stringify(tsconfig)} }); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(script, { eval: true, workerData });
}

export async function analyseTexts(inputs: readonly NamedText[], options: ValidateOptions, onProgress?: (done: number, total: number) => void): Promise<PageAnalysis[]> {
  await prepareValidation(inputs.map((input) => input.text));
  const threads = Math.min(availableParallelism(), Math.ceil(inputs.length / (PARALLEL_FROM / 2)));
  if (threads <= 1 || process.env.AMDAHL_CLI_THREADS === '1') {
    return inputs.map((input, i) => {
      const analysis = analysePage(input.text, catalog, options);
      onProgress?.(i + 1, inputs.length);
      return analysis;
    });
  }

  const workerUrl = new URL(import.meta.url.endsWith('.mjs') ? './validate-worker.mjs' : './validate-worker.ts', import.meta.url);
  const share = Math.ceil(inputs.length / threads);
  const results: PageAnalysis[] = new Array(inputs.length);
  const jobs: Promise<void>[] = [];
  for (let t = 1; t < threads; t++) {
    const start = t * share;
    const texts = inputs.slice(start, start + share).map((i) => i.text);
    if (texts.length === 0) continue;
    jobs.push(
      new Promise<void>((resolve, reject) => {
        const worker = startWorker(workerUrl, { texts, options });
        worker.once('message', (analyses: PageAnalysis[]) => {
          analyses.forEach((a, i) => (results[start + i] = a));
          resolve();
        });
        worker.once('error', reject);
        worker.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`a validation worker exited with ${code}`))));
      }),
    );
  }
  // The main thread's share reports progress for all: the workers run at the same pace.
  const mine = Math.min(share, inputs.length);
  for (let i = 0; i < mine; i++) {
    results[i] = analysePage(inputs[i]!.text, catalog, options);
    onProgress?.(Math.round(((i + 1) / mine) * inputs.length * 0.99), inputs.length);
  }
  await Promise.all(jobs);
  onProgress?.(inputs.length, inputs.length);
  return results;
}
