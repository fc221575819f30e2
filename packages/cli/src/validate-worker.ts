/** A validation worker: analyses the texts it is given and posts the analyses (diagnostics and facts) back, in order. */
import { parentPort, workerData } from 'node:worker_threads';
import { catalog } from '../../../catalog';
import { analysePage, type ValidateOptions } from '../../../lib/spec/validate';
import { prepareValidation } from './validate-files';

const { texts, options } = workerData as { texts: string[]; options: ValidateOptions };
await prepareValidation(texts);
parentPort!.postMessage(texts.map((text) => analysePage(text, catalog, options)));
