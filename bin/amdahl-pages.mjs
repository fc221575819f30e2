#!/usr/bin/env node
// The CLI is TypeScript run through tsx, so the CLI, the app and the tests share one source.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
