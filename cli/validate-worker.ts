/** A validation worker: validates the texts it is given and posts the diagnostics back, in order. */
import { parentPort, workerData } from 'node:worker_threads';
import { catalog } from '../catalog';
import { loadSqlParser } from '../lib/spec/sql-check';
import { validatePage, type ValidateOptions } from '../lib/spec/validate';

const { texts, options } = workerData as { texts: string[]; options: ValidateOptions };
await loadSqlParser();
parentPort!.postMessage(texts.map((text) => validatePage(text, catalog, options)));
