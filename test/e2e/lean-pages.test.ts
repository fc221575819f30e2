/**
 * Lean pages, in real Chromium over the production build: a view with a
 * 10,000-row ScatterChart and a 5,000-point LineChart sends the rows it draws
 * (HTML with its RSC payload under 150 KB, against 667 KB before), the line's
 * highest and lowest points are both drawn, and Download CSV still gives all
 * 10,000 rows, from the view and from an embed (whose token alone authorises it).
 */
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { AppServer } from './app-server';
import { withAppAndBrowser } from './app-and-browser';
import { createPage, mint } from './embed-fixtures';

const KB = 1024;
let app: AppServer;
let browser: Browser;
withAppAndBrowser((a, b) => {
  app = a;
  browser = b;
});

const SPIKE = 3;
const DIP = -3;

const lean = {
  name: 'Lean page',
  tags: ['lean-test'],
  declared_queries: [
    { name: 'calls', source: 'sql', sql: 'SELECT duration_s, sentiment_score, channel FROM interactions ORDER BY id LIMIT 10000' },
    {
      name: 'scores',
      source: 'sql',
      // One spike and one dip far outside the noise of -1..1, away from the ends.
      sql: `SELECT id, CASE WHEN id = 1234 THEN ${SPIKE} WHEN id = 3210 THEN ${DIP} ELSE sentiment_score END AS score FROM interactions ORDER BY id LIMIT 5000`,
    },
  ],
  spec: {
    version: 1,
    layout: 'dashboard',
    root: {
      type: 'Section',
      props: { title: 'Lean page' },
      children: [
        { type: 'ScatterChart', props: { title: 'Calls', data: { $query: 'calls' }, x: 'duration_s', y: 'sentiment_score', group: 'channel' } },
        { type: 'LineChart', props: { title: 'Scores', data: { $query: 'scores' }, x: 'id', y: 'score', curve: 'linear', maxPoints: 5000 } },
      ],
    },
  },
};

/** Pixel y of every vertex of an SVG path made of M and L commands. */
function pathYs(d: string): number[] {
  return [...d.matchAll(/[ML]\s*(-?[\d.]+)[ ,](-?[\d.]+)/g)].map((m) => Number(m[2]));
}

describe('a view of a 10,000-row scatter and a 5,000-point line', () => {
  it('is under 150 KB of HTML with its RSC payload, and says what it drew', async () => {
    const { id } = await createPage(app.url, lean);
    const html = await (await fetch(`${app.url}/pages/${id}`)).text();
    const rsc = await (await fetch(`${app.url}/pages/${id}`, { headers: { RSC: '1' } })).text();
    console.log(`lean view /pages/${id}: HTML (with its inline RSC payload) ${(html.length / KB).toFixed(1)} KB; RSC payload alone ${(rsc.length / KB).toFixed(1)} KB`);
    // The HTML carries the RSC payload inline; counted once more on its own (a client-side navigation fetches it), both stay under 150 KB.
    expect(html.length + rsc.length).toBeLessThan(150 * KB);
    expect(html).toContain('10,000 points');
    expect(html).toContain('5,000 points');
  });

  it('draws the line’s highest and lowest points, and Download CSV gives all 10,000 rows', async () => {
    const { id } = await createPage(app.url, lean);
    const context = await browser.newContext({ acceptDownloads: true });
    try {
      const page = await context.newPage();
      await page.goto(`${app.url}/pages/${id}`);
      const line = page.getByRole('figure', { name: 'Line chart: Scores' });
      await line.locator('.recharts-line-curve').waitFor();
      const d = (await line.locator('.recharts-line-curve').getAttribute('d'))!;
      const ys = pathYs(d);
      expect(ys.length).toBeGreaterThan(100);
      // The value axis maps pixels to values: read two of its ticks.
      const ticks = await line.locator('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value').evaluateAll((els) =>
        els.map((el) => ({ y: Number(el.getAttribute('y')), value: Number((el.textContent ?? '').replace('\u2212', '-').replace(/[^\d.-]/g, '')) })),
      );
      expect(ticks.length).toBeGreaterThanOrEqual(3);
      // Not the end ticks: recharts nudges a label at the edge of the plot.
      const [a, b] = [ticks[1]!, ticks[ticks.length - 2]!];
      const valueAt = (y: number) => a.value + ((y - a.y) * (b.value - a.value)) / (b.y - a.y);
      // Within a few pixels of the spike and the dip: the noise never leaves -1..1.
      expect(Math.abs(valueAt(Math.min(...ys)) - SPIKE)).toBeLessThan(0.15);
      expect(Math.abs(valueAt(Math.max(...ys)) - DIP)).toBeLessThan(0.15);

      const scatter = page.getByRole('figure', { name: 'Scatter chart: Calls' });
      await expect.poll(() => scatter.getByRole('note').filter({ hasText: 'drawn' }).textContent()).toMatch(/^10,000 points, \d{3} drawn/);
      const [download] = await Promise.all([page.waitForEvent('download'), scatter.getByRole('link', { name: 'Download CSV' }).click()]);
      const text = readFileSync((await download.path())!, 'utf8');
      expect(download.suggestedFilename()).toBe('Calls.csv');
      const lines = text.replace(/^\ufeff/, '').trimEnd().split('\r\n');
      expect(lines[0]).toBe('duration_s,sentiment_score,channel');
      expect(lines.length).toBe(10_001);

      // Show data lists the full rows (the first 1,000 of them), not the drawn ones.
      await scatter.getByRole('button', { name: 'Show data' }).click();
      await expect.poll(() => scatter.locator('caption').textContent()).toContain('10,000 rows');
      expect(await scatter.locator('tbody tr').count()).toBe(1000);
    } finally {
      await context.close();
    }
  });

  it('an embed’s Download CSV gives all the rows under its own token, and nothing without one', async () => {
    const { id } = await createPage(app.url, lean);
    const { url } = await mint(app.url, id, { audience: 'public' });
    const context = await browser.newContext({ acceptDownloads: true });
    try {
      const page = await context.newPage();
      await page.goto(url);
      const scatter = page.getByRole('figure', { name: 'Scatter chart: Calls' });
      // The link takes the frame's own token once hydrated.
      await expect.poll(() => scatter.getByRole('link', { name: 'Download CSV' }).getAttribute('href')).toContain('token=');
      const [download] = await Promise.all([page.waitForEvent('download'), scatter.getByRole('link', { name: 'Download CSV' }).click()]);
      expect(readFileSync((await download.path())!, 'utf8').trimEnd().split('\r\n').length).toBe(10_001);
    } finally {
      await context.close();
    }
    const rows = `${app.url}/embed/${id}/rows?node=${encodeURIComponent('/root/children/0')}&format=csv`;
    expect((await fetch(rows)).status).toBe(403);
    expect((await fetch(`${rows}&token=forged`)).status).toBe(403);
  });
});
