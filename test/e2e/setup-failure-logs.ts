/**
 * When a browser test fails, the output of every app server its file started
 * is printed under the failure (its last lines): a 500 says "internal error"
 * to the browser, and only the server's log says why.
 */
import { afterEach } from 'vitest';
import { runningApps } from './app-server';

const LINES = 60;

afterEach((context) => {
  if (context.task.result?.state !== 'fail') return;
  for (const app of runningApps()) {
    const lines = app.logs().trimEnd().split('\n');
    console.error(`--- the app server at ${app.url} (data ${app.dir}), its last ${Math.min(LINES, lines.length)} of ${lines.length} lines:\n${lines.slice(-LINES).join('\n')}`);
  }
});
