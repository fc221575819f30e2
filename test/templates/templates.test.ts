/**
 * The six templates in lib/local-platform/templates/: served by default by a
 * real local platform, valid for the project's validator, and rendered over
 * the seeded data through the same path the host takes (normalise, plan, run
 * through POST /data/query, resolve every node's props).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalog } from '../../catalog';
import { createLocalPlatform, type LocalPlatform, type Template } from '../../lib/local-platform';
import { readTemplates, resolveOptions } from '../../lib/local-platform/options';
import { planPage } from '../../lib/render/plan';
import { resolveProps } from '../../lib/render/resolve';
import { runQueries, type QueryOutcome, type SqlResult } from '../../lib/render/run-queries';
import { normalisePage } from '../../lib/spec/normalise';
import type { SpecNode } from '../../lib/spec/page-model';
import type { BoundRows, Row } from '../../lib/spec/resolved';
import { loadSqlParser } from '../../lib/spec/sql-check';
import { validatePage } from '../../lib/spec/validate';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const TEMPLATES_DIR = path.join(ROOT, 'lib', 'local-platform', 'templates');
const SLUGS = ['competitive-battlecard', 'deal-size-distribution', 'pipeline-funnel', 'pipeline-health', 'voice-of-customer', 'win-rate-gauge'];
// The pristine initdb cluster the contract and database tests share: a new business skips initdb.
const INITDB_TEMPLATE = path.join(os.tmpdir(), 'amdahl-test-pglite-initdb.tar');
const DEV = 'amdhl_local_dev';
const CHANNELS = ['chat', 'email', 'phone', 'sms', 'social', 'web'];

let dir: string;
let platform: LocalPlatform;

interface Call {
  status: number;
  body: any;
}

async function api(method: string, p: string, body?: unknown): Promise<Call> {
  const headers: Record<string, string> = { authorization: `Bearer ${DEV}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await platform.handle(
    new Request(`http://local.test/api/platform/v1${p}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }),
  );
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

async function runSql(sql: string): Promise<SqlResult> {
  const res = await api('POST', '/data/query', { sql });
  if (res.status !== 200) throw Object.assign(new Error(res.body?.error?.message ?? `HTTP ${res.status}`), { code: res.body?.error?.code ?? 'internal' });
  return { rows: res.body.rows, columns: res.body.columns, truncated: res.body.truncated };
}

const onDisk = new Map<string, Template>(
  fs
    .readdirSync(TEMPLATES_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => {
      const t = JSON.parse(fs.readFileSync(path.join(TEMPLATES_DIR, f), 'utf8')) as Template;
      return [t.slug, t];
    }),
);

interface Rendered {
  outcomes: Record<string, QueryOutcome>;
  /** Resolved props of every node, in tree order. */
  nodes: { type: string; props: Record<string, unknown> }[];
  problems: string[];
}

const rendered = new Map<string, Rendered>();

async function render(slug: string): Promise<Rendered> {
  const page = normalisePage(onDisk.get(slug)!.page);
  const plan = planPage(page, catalog);
  const outcomes = await runQueries(plan, { runSql, concurrency: 2 });
  const nodes: Rendered['nodes'] = [];
  const problems: string[] = [];
  for (const name of plan.unbound) problems.push(`unbound query ${name}`);
  const planned = new Set(plan.queries.flatMap((q) => q.names));
  for (const q of page.declared_queries) if (!planned.has(q.name)) problems.push(`query ${q.name} is declared but no node binds it`);
  const visit = (node: SpecNode, at: string) => {
    const def = catalog.get(node.type);
    if (!def) {
      problems.push(`${at}: unknown component ${node.type}`);
      return;
    }
    const resolution = resolveProps(def, node.props, outcomes);
    if (resolution.ok) nodes.push({ type: node.type, props: resolution.props });
    else problems.push(`${at} ${node.type}: ${resolution.problem.title}: ${resolution.problem.message}`);
    node.children?.forEach((child, i) => visit(child, `${at}/children/${i}`));
  };
  visit(page.spec.root, '/spec/root');
  return { outcomes, nodes, problems };
}

function rowsOf(slug: string, query: string): Row[] {
  const outcome = rendered.get(slug)!.outcomes[query];
  if (!outcome?.ok) throw new Error(`${slug}.${query} did not run: ${JSON.stringify(outcome)}`);
  return outcome.result.rows;
}

function nodesOf(slug: string, type: string): Record<string, unknown>[] {
  return rendered.get(slug)!.nodes.filter((n) => n.type === type).map((n) => n.props);
}

const num = (v: unknown): number => {
  const n = typeof v === 'string' ? Number(v) : (v as number);
  expect(typeof n === 'number' && Number.isFinite(n), `${JSON.stringify(v)} is a number`).toBe(true);
  return n;
};

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amdahl-templates-'));
  // No `templates` option: the platform reads its templates folder.
  platform = createLocalPlatform({ dir, initdbTemplate: INITDB_TEMPLATE });
  await Promise.all([platform.ready(), loadSqlParser()]);
});

afterAll(async () => {
  await platform?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the templates folder', () => {
  it('holds exactly the six templates the platform docs name, one file per slug', () => {
    expect([...onDisk.keys()].sort()).toEqual(SLUGS);
    for (const slug of SLUGS) {
      expect(fs.existsSync(path.join(TEMPLATES_DIR, `${slug}.json`)), slug).toBe(true);
      const t = onDisk.get(slug)!;
      expect(t.name.length).toBeGreaterThan(3);
      expect(t.description.length).toBeGreaterThan(20);
      expect(t.page.name).toBeTypeOf('string');
      expect(Array.isArray(t.page.tags)).toBe(true);
    }
  });

  it('is the default only when `templates` is not given', () => {
    expect(resolveOptions({ dir }).templates.map((t) => t.slug)).toEqual(SLUGS);
    expect(resolveOptions({ dir, templates: [] }).templates).toEqual([]);
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'amdahl-no-templates-'));
    try {
      expect(resolveOptions({ dir, templatesDir: empty }).templates).toEqual([]);
      expect(readTemplates(path.join(empty, 'missing'))).toEqual([]);
      fs.writeFileSync(path.join(empty, 'broken.json'), JSON.stringify({ slug: 'x' }));
      expect(() => readTemplates(empty)).toThrow(/needs "slug", "name", "description" and "page"/);
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('served by the local platform', () => {
  it('GET /pages/templates lists exactly the six, sorted by slug', async () => {
    const res = await api('GET', '/pages/templates');
    expect(res.status).toBe(200);
    expect(res.body.next_cursor).toBeNull();
    expect(res.body.items.map((t: { slug: string }) => t.slug)).toEqual(SLUGS);
    for (const item of res.body.items) {
      const t = onDisk.get(item.slug)!;
      expect(item).toEqual({ slug: t.slug, name: t.name, description: t.description, tags: t.page.tags });
    }
  });

  it('GET /pages/templates/{slug} answers each one whole; an unknown slug is 404', async () => {
    for (const slug of SLUGS) {
      const t = onDisk.get(slug)!;
      const res = await api('GET', `/pages/templates/${slug}`);
      expect(res.status, slug).toBe(200);
      expect(res.body).toEqual({
        slug,
        name: t.name,
        description: t.description,
        tags: t.page.tags,
        declared_queries: t.page.declared_queries,
        spec: t.page.spec,
      });
    }
    const missing = await api('GET', '/pages/templates/sales-forecast');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('not_found');
  });

  it('each template page is what POST /pages takes', async () => {
    for (const slug of SLUGS) {
      const created = await api('POST', '/pages', onDisk.get(slug)!.page);
      expect(created.status, `${slug}: ${JSON.stringify(created.body)}`).toBe(201);
      expect(created.body.spec).toEqual(onDisk.get(slug)!.page.spec);
      expect((await api('DELETE', `/pages/${created.body.id}`)).status).toBe(200);
    }
  });
});

describe('valid for the project validator', () => {
  for (const slug of SLUGS) {
    it(`${slug} validates clean`, () => {
      const page = onDisk.get(slug)!.page;
      expect(validatePage(page, catalog)).toEqual([]);
      // and as the text an author would open in the studio
      expect(validatePage(JSON.stringify(page, null, 2), catalog)).toEqual([]);
    });
  }

  it('uses the layouts the brief asks for and several component kinds', () => {
    const layout = (slug: string) => (onDisk.get(slug)!.page.spec as { layout: string }).layout;
    expect(layout('competitive-battlecard')).toBe('document');
    expect(layout('win-rate-gauge')).toBe('single');
    expect(layout('pipeline-funnel')).toBe('single');
    const kinds = new Set<string>();
    const walk = (n: SpecNode) => {
      kinds.add(n.type);
      n.children?.forEach(walk);
    };
    for (const slug of SLUGS) walk(normalisePage(onDisk.get(slug)!.page).spec.root);
    for (const type of ['Section', 'Grid', 'StatRow', 'Stat', 'Heading', 'Text', 'Markdown', 'Callout', 'Table', 'BarChart', 'LineChart', 'PieChart', 'ComposedChart', 'FunnelChart', 'GaugeChart', 'SignalMap']) {
      expect(kinds, type).toContain(type);
    }
  });
});

describe('rendered over the seeded data', () => {
  beforeAll(async () => {
    for (const slug of SLUGS) rendered.set(slug, await render(slug));
  });

  for (const slug of SLUGS) {
    it(`${slug}: every query is bound and runs, every node resolves`, () => {
      const r = rendered.get(slug)!;
      expect(r.problems).toEqual([]);
      const declared = (onDisk.get(slug)!.page.declared_queries as { name: string }[]).map((q) => q.name);
      for (const name of declared) {
        const outcome = r.outcomes[name];
        expect(outcome?.ok, `${slug}.${name}: ${JSON.stringify(outcome)}`).toBe(true);
        if (outcome?.ok) {
          expect(outcome.result.rows.length, `${slug}.${name} returns rows`).toBeGreaterThan(0);
          expect(outcome.result.truncated).toBe(false);
        }
      }
      expect(r.nodes.length).toBeGreaterThan(0);
    });
  }

  it('win-rate-gauge: a rate between 0 and 1 that matches an independent count', async () => {
    const [gauge] = nodesOf('win-rate-gauge', 'GaugeChart');
    const value = num(gauge!.value);
    const target = num(gauge!.target);
    expect(value).toBeGreaterThan(0);
    expect(value).toBeLessThan(1);
    expect(target).toBeGreaterThan(0);
    expect(target).toBeLessThan(1);
    const check = await runSql(
      "SELECT deal_stage, COUNT(*) AS n FROM interactions WHERE deal_stage IN ('closed_won', 'closed_lost') AND closed_at > (SELECT MAX(occurred_at) FROM interactions) - INTERVAL '90 days' GROUP BY deal_stage",
    );
    const n = Object.fromEntries(check.rows.map((r) => [r.deal_stage, Number(r.n)]));
    expect(value).toBeCloseTo(n.closed_won! / (n.closed_won! + n.closed_lost!), 4);
    expect(num(rowsOf('win-rate-gauge', 'win_rate')[0]!.closed_deals)).toBe(n.closed_won! + n.closed_lost!);
  });

  it('pipeline-funnel: the stages in order, each no larger than the one before', () => {
    const [funnel] = nodesOf('pipeline-funnel', 'FunnelChart');
    const rows = (funnel!.data as BoundRows).rows;
    expect(rows.map((r) => r.stage)).toEqual(['Prospecting', 'Qualified', 'Proposal', 'Closed Won']);
    const deals = rows.map((r) => num(r.deals));
    for (let i = 1; i < deals.length; i++) expect(deals[i]!).toBeLessThanOrEqual(deals[i - 1]!);
    expect(deals[3]!).toBeGreaterThan(0);
  });

  it('pipeline-health: open stages in order, adding up to the headline open value', () => {
    const stages = rowsOf('pipeline-health', 'open_by_stage');
    expect(stages.map((r) => r.stage)).toEqual(['prospecting', 'qualified', 'proposal']);
    const totals = rowsOf('pipeline-health', 'totals')[0]!;
    expect(stages.reduce((s, r) => s + num(r.open_value), 0)).toBeCloseTo(num(totals.open_value), 2);
    expect(stages.reduce((s, r) => s + num(r.deals), 0)).toBe(num(totals.open_deals));
    // As the platform docs' own page: ROUND(100.0 * won / (won + lost)) shown with "format": "percent".
    const winPct = num(totals.win_pct_90d);
    expect(winPct).toBeGreaterThan(1);
    expect(winPct).toBeLessThan(100);
    const weeks = rowsOf('pipeline-health', 'weekly_flow');
    expect(weeks.length).toBeGreaterThanOrEqual(24);
    const times = weeks.map((w) => Date.parse(String(w.week)));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(new Date(times[0]!).getUTCDay()).toBe(1); // weeks start on Monday
    const stats = nodesOf('pipeline-health', 'Stat');
    expect(stats).toHaveLength(4);
    for (const s of stats) expect(s.value).not.toBeNull();
  });

  it('voice-of-customer: 6 channels × 6 topics, CSAT on its 1..5 scale, sentiment in -1..1', () => {
    const cells = rowsOf('voice-of-customer', 'topic_channel');
    expect(new Set(cells.map((c) => c.channel))).toEqual(new Set(CHANNELS));
    expect(new Set(cells.map((c) => c.topic)).size).toBe(6);
    expect(cells).toHaveLength(36);
    for (const c of cells) {
      expect(num(c.avg_sentiment)).toBeGreaterThanOrEqual(-1);
      expect(num(c.avg_sentiment)).toBeLessThanOrEqual(1);
    }
    const channels = rowsOf('voice-of-customer', 'by_channel');
    expect(channels.map((c) => c.channel).sort()).toEqual(CHANNELS);
    for (const c of channels) {
      expect(num(c.avg_csat)).toBeGreaterThanOrEqual(1);
      expect(num(c.avg_csat)).toBeLessThanOrEqual(5);
    }
    const totals = rowsOf('voice-of-customer', 'totals')[0]!;
    expect(num(totals.negative_share_30d)).toBeGreaterThan(0);
    expect(num(totals.negative_share_30d)).toBeLessThan(1);
    expect(channels.reduce((s, c) => s + num(c.csat_responses), 0)).toBe(num(totals.csat_responses));
    // the seeded late-August shipping incident shows in the weekly trend
    const weekly = rowsOf('voice-of-customer', 'weekly_negative');
    const peak = weekly.reduce((a, b) => (num(b.shipping_negative_share) > num(a.shipping_negative_share) ? b : a));
    expect(String(peak.week)).toMatch(/^2026-0[89]-/);
    expect(nodesOf('voice-of-customer', 'SignalMap')).toHaveLength(1);
    expect(nodesOf('voice-of-customer', 'Markdown')).toHaveLength(1);
  });

  it('competitive-battlecard: one segment per channel, rates in 0..1, segments adding up to the baseline', () => {
    const segments = rowsOf('competitive-battlecard', 'segments');
    expect(segments.map((s) => s.segment).sort()).toEqual(CHANNELS);
    const overall = rowsOf('competitive-battlecard', 'overall')[0]!;
    expect(segments.reduce((s, r) => s + num(r.closed_deals), 0)).toBe(num(overall.closed_deals));
    const rates = segments.map((s) => num(s.win_rate));
    for (const r of rates) {
      expect(r).toBeGreaterThan(0);
      expect(r).toBeLessThan(1);
    }
    const overallRate = num(overall.win_rate);
    expect(overallRate).toBeGreaterThanOrEqual(Math.min(...rates));
    expect(overallRate).toBeLessThanOrEqual(Math.max(...rates));
    const ext = rowsOf('competitive-battlecard', 'extremes')[0]!;
    expect(num(ext.best_win_rate)).toBe(Math.max(...rates));
    expect(num(ext.worst_win_rate)).toBe(Math.min(...rates));
    // the Callouts' sentences name real channels
    const texts = nodesOf('competitive-battlecard', 'Text').map((t) => t.value);
    expect(texts).toContain(ext.best_segment);
    expect(texts).toContain(ext.worst_segment);
    expect(nodesOf('competitive-battlecard', 'Callout').map((c) => c.tone)).toEqual(['warning', 'positive', 'warning']);
    const tones = rowsOf('competitive-battlecard', 'by_tone');
    expect(tones.map((t) => t.tone)).toEqual(['positive', 'neutral', 'negative']);
  });

  it('deal-size-distribution: six bands in order adding up to every deal, percentiles rising', () => {
    const bands = rowsOf('deal-size-distribution', 'histogram');
    expect(bands.map((b) => num(b.bucket))).toEqual([0, 1, 2, 3, 4, 5]);
    expect(bands[0]!.size_band).toBe('Under $1k');
    const p = rowsOf('deal-size-distribution', 'percentiles')[0]!;
    expect(bands.reduce((s, b) => s + num(b.deals), 0)).toBe(num(p.deals));
    for (const b of bands) expect(num(b.won) + num(b.lost) + num(b.open)).toBe(num(b.deals));
    const ladder = [p.p25, p.p50, p.p75, p.p90, p.largest].map(num);
    for (let i = 1; i < ladder.length; i++) expect(ladder[i]!).toBeGreaterThanOrEqual(ladder[i - 1]!);
    expect(ladder[0]!).toBeGreaterThan(0);
    const stats = nodesOf('deal-size-distribution', 'Stat');
    expect(stats.map((s) => num(s.value))).toEqual([p.p25, p.p50, p.p75, p.p90, p.mean].map(num));
    const [bar] = nodesOf('deal-size-distribution', 'BarChart');
    expect((bar!.data as BoundRows).rows).toHaveLength(6);
  });
});
