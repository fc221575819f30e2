import { ensureBuild } from './app-server';

/** One production build for all browser tests; each test file starts its own server on it. */
export default function setup(): void {
  ensureBuild();
}
