/**
 * The set-up most browser test files share: one app server on a fresh data
 * directory and one Chromium for the file, both stopped after it.
 * `withAppAndBrowser((a, b) => { app = a; browser = b; })` keeps each file's
 * own `app` and `browser` names.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startApp, type AppServer } from './app-server';
import { launchBrowser } from './browser';

export function withAppAndBrowser(ready: (app: AppServer, browser: Browser) => void, options?: Parameters<typeof startApp>[0]): void {
  let app: AppServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    app = await startApp(options);
    browser = await launchBrowser();
    ready(app, browser);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });
}
