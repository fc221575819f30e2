/**
 * How much JavaScript a page makes the browser download: every script
 * response (framework, chunks, lazily loaded views) counted at its size on
 * the wire. `next start` compresses with gzip, so a gzipped response counts
 * its encoded body as received; a response that arrived uncompressed is
 * gzipped here (level 9) so the figures stay comparable, and says so in
 * `encoding`.
 */
import { gzipSync } from 'node:zlib';
import type { Page, Response } from 'playwright-core';

export interface ScriptWeight {
  url: string;
  /** Gzipped bytes: the encoded body received, or this helper's gzip of an uncompressed body. */
  bytes: number;
  /** The decoded body's length in bytes. */
  rawBytes: number;
  /** `gzip`/`br` as the server sent it, or `gzipped-here` when it came uncompressed. */
  encoding: string;
  /** Names of the `markers` whose pattern occurs in this script's text. */
  markers: string[];
}

export interface JsWeight {
  totalGzipBytes: number;
  scripts: ScriptWeight[];
}

export interface JsWeightOptions {
  /** Named patterns to look for in each script's text, e.g. `{ recharts: /recharts-wrapper/ }`. */
  markers?: Record<string, RegExp>;
  /** Waits after the load for what the page fetches lazily (default: network idle). */
  settle?: (page: Page) => Promise<void>;
}

async function weigh(response: Response, markers: Record<string, RegExp>): Promise<ScriptWeight> {
  const body = await response.body();
  const headers = await response.allHeaders();
  const encoding = headers['content-encoding'] ?? '';
  let bytes: number;
  if (encoding === 'gzip' || encoding === 'br') {
    bytes = (await response.request().sizes()).responseBodySize;
  } else {
    bytes = gzipSync(body, { level: 9 }).length;
  }
  const text = body.toString('utf8');
  return {
    url: response.url(),
    bytes,
    rawBytes: body.length,
    encoding: encoding === 'gzip' || encoding === 'br' ? encoding : 'gzipped-here',
    markers: Object.entries(markers)
      .filter(([, pattern]) => pattern.test(text))
      .map(([name]) => name),
  };
}

/** Opens `url` in `page` (use a fresh page: cached scripts are not downloaded again) and weighs every script it downloads. */
export async function measureJsWeight(page: Page, url: string, options: JsWeightOptions = {}): Promise<JsWeight> {
  const markers = options.markers ?? {};
  const pending: Promise<ScriptWeight>[] = [];
  const onResponse = (response: Response) => {
    if (response.request().resourceType() !== 'script') return;
    if (response.status() !== 200) return;
    pending.push(response.finished().then(() => weigh(response, markers)));
  };
  page.on('response', onResponse);
  try {
    await page.goto(url, { waitUntil: 'load' });
    if (options.settle) await options.settle(page);
    else await page.waitForLoadState('networkidle');
    const scripts = (await Promise.all(pending)).sort((a, b) => b.bytes - a.bytes);
    return { totalGzipBytes: scripts.reduce((sum, s) => sum + s.bytes, 0), scripts };
  } finally {
    page.off('response', onResponse);
  }
}

/** One line per script, largest first, for a test's output or a report. */
export function describeJsWeight(label: string, weight: JsWeight): string {
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  const lines = weight.scripts.map(
    (s) => `  ${kb(s.bytes).padStart(9)} gz ${kb(s.rawBytes).padStart(9)} raw ${s.encoding.padEnd(12)} ${new URL(s.url).pathname}${s.markers.length ? `  [${s.markers.join(', ')}]` : ''}`,
  );
  return `${label}: ${kb(weight.totalGzipBytes)} gzipped in ${weight.scripts.length} scripts\n${lines.join('\n')}`;
}
