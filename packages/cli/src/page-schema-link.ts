/**
 * The `"$schema"` pull writes into each page file: a path relative to the
 * file's folder to `amdahl-pages/schema/page.schema.json`, so VS Code (and
 * any editor that reads `$schema`) completes and checks pages with no
 * extension. The schema is the one Node resolution finds from the folder:
 * the package the team installed, whose version is the one that validates.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE = 'amdahl-pages';
const SCHEMA = 'schema/page.schema.json';

export interface SchemaLink {
  /** What `$schema` says, relative to the folder (forward slashes); undefined when there is none to point at. */
  ref?: string;
  /** Said once on stderr when `ref` is undefined. */
  note?: string;
}

/**
 * The package's schema as Node resolution finds it from `folder`. The path is
 * taken through the `node_modules` folder that resolution walks (not the
 * symlink's target), so a workspace link or a pnpm store gives the same
 * stable `node_modules/amdahl-pages/...` path an install gives.
 */
export function installedSchema(folder: string): string | undefined {
  const require = createRequire(path.join(folder, 'noop.js'));
  try {
    require.resolve(`${PACKAGE}/${SCHEMA}`);
  } catch {
    return undefined;
  }
  for (const modules of require.resolve.paths(PACKAGE) ?? []) {
    const candidate = path.join(modules, PACKAGE, SCHEMA);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** The schema beside the running CLI (packages/cli/schema from the sources, or the installed package's from its bundle). */
export function runningPackageSchema(): string {
  return fileURLToPath(new URL(`../${SCHEMA}`, import.meta.url));
}

/** The project a folder belongs to: the nearest folder above it with `.git`, else the working directory. */
function projectRoot(folder: string, cwd: string): string {
  for (let dir = folder; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, '.git'))) return dir;
    if (path.dirname(dir) === dir) return cwd;
  }
}

function inside(file: string, root: string): boolean {
  const relative = path.relative(root, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

function relativeRef(folder: string, file: string): string {
  const relative = path.relative(folder, file).split(path.sep).join('/');
  return relative.startsWith('.') ? relative : `./${relative}`;
}

/**
 * The `$schema` for page files in `folder`: the installed package's schema;
 * else the running CLI's own when it lies inside the project (a checkout of
 * this repository, a vendored copy); else none, with a note. A CLI run from
 * outside the project (npx's cache, a global install) would leave a path
 * into that cache in committed files, which no teammate has.
 */
export function schemaLinkFor(folder: string, cwd: string, running: string = runningPackageSchema()): SchemaLink {
  const installed = installedSchema(folder);
  if (installed) return { ref: relativeRef(folder, installed) };
  if (existsSync(running) && inside(running, projectRoot(folder, cwd))) return { ref: relativeRef(folder, running) };
  return {
    note: `no "$schema" written: ${PACKAGE} is not installed in this project (npm install --save-dev ${PACKAGE}), so editors have no schema to point at`,
  };
}
