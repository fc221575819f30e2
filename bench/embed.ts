/**
 * Embed throughput beside a static asset's, on the same server in one run:
 * 100 connections for 10 s on a cached embed (the app server's one-second
 * cache, scripts/serve-app.ts), then 10 s on /embed.js. Target: ratio >= 0.5.
 */
import autocannon from 'autocannon';
import { ensureBuild, startApp } from '../test/e2e/app-server';
import { createPage, mint } from '../test/e2e/embed-fixtures';

const SECONDS = 10;

async function rate(url: string): Promise<{ perSecond: number; p99: number; failures: number }> {
  const result = await autocannon({ url, connections: 100, duration: SECONDS });
  return { perSecond: result.requests.average, p99: result.latency.p99, failures: result.non2xx + result.errors + result.timeouts };
}

export async function benchEmbed(): Promise<void> {
  ensureBuild();
  const app = await startApp();
  try {
    const page = await createPage(app.url, {
      name: 'Bench embed',
      declared_queries: [{ name: 'by_channel', source: 'sql', sql: 'SELECT channel, COUNT(*) AS events FROM interactions GROUP BY channel ORDER BY channel' }],
      spec: { version: 1, root: { type: 'Section', props: { title: 'Bench embed' }, children: [{ type: 'Table', props: { data: { $query: 'by_channel' } } }] } },
    });
    const { url } = await mint(app.url, page.id, { audience: 'public' });
    if ((await fetch(url)).status !== 200) throw new Error('the embed did not render');
    await rate(`${app.url}/embed.js`); // warm both paths once
    const embed = await rate(url);
    const asset = await rate(`${app.url}/embed.js`);
    console.log(`\nEmbed throughput, 100 connections, ${SECONDS} s each, same server:`);
    console.log(`  cached embed (token verified per request): ${embed.perSecond.toFixed(0)} req/s, p99 ${embed.p99} ms, failures ${embed.failures}`);
    console.log(`  static asset /embed.js:                    ${asset.perSecond.toFixed(0)} req/s, p99 ${asset.p99} ms, failures ${asset.failures}`);
    const ratio = embed.perSecond / asset.perSecond;
    console.log(`  ratio embed / static: ${ratio.toFixed(2)} (target >= 0.50: ${ratio >= 0.5 ? 'met' : 'NOT met'})`);
  } finally {
    await app.stop();
  }
}
