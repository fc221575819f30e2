// @vitest-environment jsdom
/**
 * Fidelity to the platform's own pages: the docs' worked Pipeline Health page,
 * its document-layout competitive brief, the Python guide's inline-shape page,
 * the six templates and every catalog example, rendered over the seeded local
 * platform through the host's path (normalise, validate, plan, run through
 * POST /data/query, PageView) to HTML, and read as a viewer reads them: the
 * numbers on the page, not the props.
 *
 * The catalog's view registry loads each view lazily with next/dynamic, which
 * renders nothing outside Next; here they come through the CLI's registry of
 * the same modules (cli/render/view-registry.ts, as `amdahl-pages test`
 * renders). The browser test (test/e2e/fidelity.test.ts) covers the real one.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { prerenderToNodeStream } from 'react-dom/static';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalog } from '../../catalog';
import { ViewRegistry } from '../../components/page-renderer/catalog-view';
import { PageView } from '../../components/page-renderer/page-view';
import { lazyViewRegistry } from '../../packages/cli/src/render/view-registry';
import { createLocalPlatform, type LocalPlatform } from '../../lib/local-platform';
import { SEED_ANCHOR } from '../../lib/local-platform/seed';
import { planPage } from '../../lib/render/plan';
import { runQueries, type SqlResult } from '../../lib/render/run-queries';
import { normalisePage } from '../../lib/spec/normalise';
import { loadSqlParser } from '../../lib/spec/sql-check';
import { validatePage } from '../../lib/spec/validate';


const ROOT = path.resolve(import.meta.dirname, '..', '..');
const DOCS = path.join(ROOT, 'test', 'fixtures', 'platform-docs');
const INITDB_TEMPLATE = path.join(os.tmpdir(), 'amdahl-test-pglite-initdb.tar');
const DEV = 'amdhl_local_dev';

let dir: string;
let platform: LocalPlatform;

async function runSql(sql: string): Promise<SqlResult> {
  const res = await platform.handle(
    new Request('http://local.test/api/platform/v1/data/query', {
      method: 'POST',
      headers: { authorization: `Bearer ${DEV}`, 'content-type': 'application/json' },
      body: JSON.stringify({ sql }),
    }),
  );
  const body = await res.json();
  if (res.status !== 200) throw Object.assign(new Error(body?.error?.message ?? `HTTP ${res.status}`), { code: body?.error?.code ?? 'internal' });
  return { rows: body.rows, columns: body.columns, truncated: body.truncated };
}

const readJson = (file: string): unknown => JSON.parse(fs.readFileSync(file, 'utf8'));

/** The page as a viewer gets it: validated, its queries run, rendered to HTML and parsed. */
async function renderPage(input: unknown): Promise<Document> {
  expect(validatePage(input, catalog, { allowCustom: true }).filter((d) => d.severity === 'error')).toEqual([]);
  const page = normalisePage(input);
  const outcomes = await runQueries(planPage(page, catalog), { runSql, concurrency: 2 });
  for (const [name, outcome] of Object.entries(outcomes)) expect(outcome.ok, `${name}: ${JSON.stringify(outcome)}`).toBe(true);
  const { prelude } = await prerenderToNodeStream(
    <ViewRegistry.Provider value={lazyViewRegistry(catalog.types)}>
      <PageView page={page} outcomes={outcomes} />
    </ViewRegistry.Provider>,
  );
  let html = '';
  for await (const chunk of prelude) html += chunk;
  return new DOMParser().parseFromString(html, 'text/html');
}

const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** The Stat whose label is `label`: its value as shown. */
function statValue(doc: Document, label: string): string {
  const stat = [...doc.querySelectorAll('[data-ap-stat]')].find((s) => text(s.firstElementChild) === label);
  expect(stat, `a Stat labelled ${label}`).toBeTruthy();
  return text(stat!.querySelector('[data-testid="stat-value"]'));
}

/** Every percentage the page shows, as numbers. */
function percentages(doc: Document): number[] {
  // Text node by text node: a cell's "$1,347" and the next one's "40.2%" are two numbers, not one.
  const walker = doc.createTreeWalker(doc.body, 4 /* NodeFilter.SHOW_TEXT */);
  const found: number[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const m of (node.textContent ?? '').matchAll(/(?<![\d.,])(-?\d[\d,]*(?:\.\d+)?)%/g)) found.push(Number(m[1]!.replace(/,/g, '')));
  }
  return found;
}

function noBrokenNodes(doc: Document) {
  expect([...doc.querySelectorAll('.ap-error-card')].map(text)).toEqual([]);
  expect([...doc.querySelectorAll('[data-ap-warning]')].map(text)).toEqual([]);
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amdahl-fidelity-'));
  platform = createLocalPlatform({ dir, initdbTemplate: INITDB_TEMPLATE });
  await Promise.all([platform.ready(), loadSqlParser()]);
});

afterAll(async () => {
  await platform?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe("the platform docs' worked pages", () => {
  it('Pipeline Health: the win rate reads as the percentage its SQL computed (30-something %, not 3,000%)', async () => {
    const page = readJson(path.join(DOCS, 'pipeline-health.json')) as { declared_queries: { name: string; sql: string }[] };
    // The docs' window ends at CURRENT_DATE; the seeded data ends at a fixed anchor.
    // Anchoring the window there keeps the page's numbers independent of the wall clock.
    const anchored = structuredClone(page);
    for (const q of anchored.declared_queries) q.sql = q.sql.replace('CURRENT_DATE', `DATE '${SEED_ANCHOR.slice(0, 10)}'`);
    const doc = await renderPage(anchored);
    noBrokenNodes(doc);

    const counts = await runSql(
      `SELECT COUNT(*) FILTER (WHERE deal_stage = 'closed_won') AS won, COUNT(*) FILTER (WHERE deal_stage = 'closed_lost') AS lost FROM interactions WHERE closed_at >= DATE '${SEED_ANCHOR.slice(0, 10)}' - INTERVAL '90 days'`,
    );
    const won = Number(counts.rows[0]!.won);
    const lost = Number(counts.rows[0]!.lost);
    expect(won + lost).toBeGreaterThan(100);
    const pct = Math.round((100 * won) / (won + lost));
    expect(pct).toBeGreaterThan(5);
    expect(pct).toBeLessThan(95);
    expect(statValue(doc, 'Win rate (90d)')).toBe(`${pct}%`);

    const totals = await runSql("SELECT COUNT(*) AS n, SUM(amount) AS acv FROM interactions WHERE deal_stage NOT IN ('closed_won', 'closed_lost')");
    expect(statValue(doc, 'Open deals')).toBe(Number(totals.rows[0]!.n).toLocaleString('en-US'));
    expect(statValue(doc, 'Open ACV')).toMatch(/^\$[\d,]+$/);
    expect(percentages(doc)).toEqual([pct]);
    expect(text(doc.querySelector('h2'))).toBe('Pipeline Health');
  });

  it('the same page with its CURRENT_DATE window, today, still shows a percentage or a dash, never a ratio blown up', async () => {
    const doc = await renderPage(readJson(path.join(DOCS, 'pipeline-health.json')));
    noBrokenNodes(doc);
    expect(statValue(doc, 'Win rate (90d)')).toMatch(/^(\d{1,2}%|100%|—)$/);
  });

  it('the document-layout competitive brief: prose, headings and the callout, in a centred column', async () => {
    const doc = await renderPage(readJson(path.join(DOCS, 'competitive-brief.json')));
    noBrokenNodes(doc);
    expect(doc.querySelector('.ap-page')!.getAttribute('data-layout')).toBe('document');
    expect([...doc.querySelectorAll('h2, h3')].map(text)).toEqual(['Competitive brief — Acme vs. us', 'Where we win', 'Where they win']);
    expect([...doc.querySelectorAll('strong')].map(text)).toEqual(
      expect.arrayContaining(['time-to-value', 'Speed of deployment', 'Support responsiveness', 'Transparent pricing', 'breadth of integrations', 'Sidestep:']),
    );
    expect(doc.querySelectorAll('li')).toHaveLength(3);
    expect(text(doc.body)).toContain('Lead with the 30-day rollout story.');
    expect(text(doc.body)).toContain('Sources: 3 closed-won + 2 closed-lost calls, last 90 days.');
    expect(text(doc.body)).toContain('Provenance');
    expect(percentages(doc)).toEqual([]);
  });

  it("the Python guide's inline-shape page: one table, a row per channel with its count", async () => {
    const doc = await renderPage(readJson(path.join(DOCS, 'guide-inline-shape.json')));
    noBrokenNodes(doc);
    const expected = await runSql('SELECT channel, COUNT(*) AS events FROM interactions GROUP BY channel');
    expect(expected.rows).toHaveLength(6);
    expect([...doc.querySelectorAll('th')].map((th) => text(th).replace(/[▲▼↕]/g, ''))).toEqual(['channel', 'events']);
    const shown = new Map([...doc.querySelectorAll('tbody tr')].map((tr) => [text(tr.children[0]), text(tr.children[1])]));
    for (const row of expected.rows) expect(shown.get(String(row.channel)), String(row.channel)).toBe(Number(row.events).toLocaleString('en-US'));
  });
});

describe('the templates, as a viewer reads them', () => {
  const TEMPLATES = path.join(ROOT, 'lib', 'local-platform', 'templates');
  const pageOf = (slug: string) => (readJson(path.join(TEMPLATES, `${slug}.json`)) as { page: unknown }).page;

  it('pipeline-health: the win rate is a percentage between 1% and 100% matching an independent count', async () => {
    const doc = await renderPage(pageOf('pipeline-health'));
    noBrokenNodes(doc);
    const counts = await runSql(
      "SELECT COUNT(*) FILTER (WHERE deal_stage = 'closed_won') AS won, COUNT(*) AS closed FROM interactions WHERE deal_stage IN ('closed_won', 'closed_lost') AND closed_at > (SELECT MAX(occurred_at) FROM interactions) - INTERVAL '90 days'",
    );
    const pct = (100 * Number(counts.rows[0]!.won)) / Number(counts.rows[0]!.closed);
    expect(statValue(doc, 'Win rate, last 90 days')).toBe(`${(Math.round(pct * 10) / 10).toLocaleString('en-US')}%`);
  });

  it('win-rate-gauge: a ratio on a 0 to 1 dial reads as a percentage, with no warning', async () => {
    const doc = await renderPage(pageOf('win-rate-gauge'));
    noBrokenNodes(doc);
    const shown = text(doc.querySelector('[data-part="value-text"]'));
    expect(shown).toMatch(/^\d{1,2}(\.\d)?%$/);
    expect(doc.querySelector('[data-part="value"]')!.hasAttribute('data-clamped')).toBe(false);
  });

  for (const slug of ['competitive-battlecard', 'deal-size-distribution', 'pipeline-funnel', 'pipeline-health', 'voice-of-customer', 'win-rate-gauge']) {
    it(`${slug}: no error card, no value warning, every percentage within -100%..100%`, async () => {
      const doc = await renderPage(pageOf(slug));
      noBrokenNodes(doc);
      for (const p of percentages(doc)) {
        expect(p).toBeGreaterThanOrEqual(-100);
        expect(p).toBeLessThanOrEqual(100);
      }
    });
  }
});

describe('every catalog example, as a viewer reads it', () => {
  const examples = fs
    .readdirSync(path.join(ROOT, 'catalog'), { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(ROOT, 'catalog', d.name, 'examples')))
    .flatMap((d) =>
      fs
        .readdirSync(path.join(ROOT, 'catalog', d.name, 'examples'))
        .filter((f) => f.endsWith('.json'))
        .map((f) => path.join('catalog', d.name, 'examples', f)),
    );

  it('finds the examples', () => {
    expect(examples.length).toBeGreaterThan(29);
  });

  for (const file of examples) {
    it(`${file}: no value warning and no percentage past ±1,000%`, async () => {
      const doc = await renderPage(readJson(path.join(ROOT, file)));
      expect([...doc.querySelectorAll('[data-ap-warning]')].map(text)).toEqual([]);
      for (const p of percentages(doc)) expect(Math.abs(p), `${file} shows ${p}%`).toBeLessThan(1000);
    });
  }
});
