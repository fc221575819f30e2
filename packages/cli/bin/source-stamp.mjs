/** The newest modification time among the CLI's sources in this repository: a bundle older than this is stale. */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

// Relative to the repository root. components/: `amdahl-pages test` renders through the app's page renderer.
const DIRS = ['packages/cli/src', 'packages/cli/scripts', 'lib', 'catalog', 'components'];
const FILES = ['package.json', 'packages/cli/package.json', 'schema/page.schema.json'];

function newest(dir, current) {
  let result = current;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) result = newest(full, result);
    else if (/\.(ts|tsx|mjs|json|css)$/.test(entry.name)) result = Math.max(result, statSync(full).mtimeMs);
  }
  return result;
}

export function newestSourceMtime(repoRoot) {
  let result = 0;
  for (const file of FILES) result = Math.max(result, statSync(path.join(repoRoot, file)).mtimeMs);
  for (const dir of DIRS) result = newest(path.join(repoRoot, dir), result);
  return result;
}
