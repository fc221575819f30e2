/**
 * Precompiles every component's props validator with ajv's standalone code,
 * so the bundled CLI starts without compiling 29 schemas (about 250 ms): one
 * module per component, which the CLI loads for the types its files use.
 * Run by scripts/build.mjs; the output is bundled, never committed.
 */
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { catalog } from '../../../catalog';
import { componentPropsSchema } from '../../../lib/spec/json-schema';
import { AJV_OPTIONS } from '../../../lib/spec/validate';

const out = path.resolve(process.argv[2] ?? 'dist/gen');
mkdirSync(out, { recursive: true });
const ajv = new Ajv({ ...AJV_OPTIONS, code: { source: true } });
const refs: Record<string, string> = {};
for (const def of catalog.components.values()) {
  ajv.addSchema(componentPropsSchema(def), `props_${def.type}`);
  refs[def.type] = `props_${def.type}`;
}
// One module per component, each loaded on demand: a run over a few pages loads the validators of the types they use.
const loaders: string[] = [];
for (const [type, ref] of Object.entries(refs)) {
  writeFileSync(path.join(out, `props-${type}.cjs`), standaloneCode(ajv, { [type]: ref }));
  loaders.push(`  ${JSON.stringify(type)}: () => import(${JSON.stringify(`./props-${type}.cjs`)}).then((m) => (m.default ?? m)[${JSON.stringify(type)}]),`);
}
writeFileSync(path.join(out, 'precompiled-validators.mjs'), `export const precompiledValidators = {\n${loaders.join('\n')}\n};\n`);
