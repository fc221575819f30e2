/**
 * Every test run writes its scratch (data directories of 140 MB each, CLI
 * workspaces, Chromium profiles, the app servers' own temporary files) under
 * one directory of its own, removed when the run ends, so that runs do not
 * fill the disk. Workers and the processes they spawn inherit TMPDIR, and
 * `os.tmpdir()` reads it on each call.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export default function setup(): () => void {
  const root = mkdtempSync(path.join(os.tmpdir(), 'amdahl-test-run-'));
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = root;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    rmSync(root, { recursive: true, force: true });
  };
}
