/** A validation worker: validates the texts it is given and posts the diagnostics back, in order. */
import { parentPort, workerData } from 'node:worker_threads';
import { catalog } from '../catalog';
import { validatePage, type ValidateOptions } from '../lib/spec/validate';
import { prepareValidation } from './validate-files';

const { texts, options } = workerData as { texts: string[]; options: ValidateOptions };
await prepareValidation();
parentPort!.postMessage(texts.map((text) => validatePage(text, catalog, options)));
