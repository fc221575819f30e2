/** The newest modification time among the CLI's sources: a bundle older than this is stale. */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

// components/: the bundle renders pages for `amdahl-pages test` through the app's page renderer.
const DIRS = ['cli', 'lib', 'catalog', 'components'];

function newest(dir, current) {
  let result = current;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) result = newest(full, result);
    else if (/\.(ts|tsx|mjs|json|css)$/.test(entry.name)) result = Math.max(result, statSync(full).mtimeMs);
  }
  return result;
}

export function newestSourceMtime(root) {
  let result = statSync(path.join(root, 'package.json')).mtimeMs;
  for (const dir of DIRS) result = newest(path.join(root, dir), result);
  return result;
}
