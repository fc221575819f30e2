/**
 * The databases behind /data/query: the seeded data set, value types, the
 * attack suite (with the SQL checker, and with it switched off to show that
 * the database layer holds on its own), deadlines and restarts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalPlatform, type LocalPlatform } from '../../lib/local-platform';
import { checkSql, loadSqlParser } from '../../lib/spec/sql-check';

const DEV = 'amdhl_local_dev';
const OTHER = 'amdhl_' + 'e5'.repeat(16);
const TIMEOUT_MS = 1500;
const ROW_CAP = 1000;

let dir: string;
let platform: LocalPlatform;
/** When true the SQL checker lets everything through: only the database layer stands. */
let bypassChecker = false;

interface Answer {
  status: number;
  body: any;
  ms: number;
}

async function query(sql: string, key = DEV): Promise<Answer> {
  const started = performance.now();
  const res = await platform.handle(
    new Request('http://local/api/platform/v1/data/query', {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ sql }),
    }),
  );
  return { status: res.status, body: await res.json(), ms: performance.now() - started };
}

async function value(sql: string, key = DEV): Promise<any> {
  const res = await query(sql, key);
  expect(res.status, `${sql}\n${JSON.stringify(res.body)}`).toBe(200);
  const row = res.body.rows[0];
  return row ? Object.values(row)[0] : undefined;
}

async function pages(key: string): Promise<unknown> {
  const res = await platform.handle(new Request('http://local/api/platform/v1/pages?limit=100', { headers: { authorization: `Bearer ${key}` } }));
  return res.json();
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amdahl-db-'));
  await loadSqlParser();
  platform = createLocalPlatform({
    dir,
    initdbTemplate: path.join(os.tmpdir(), 'amdahl-test-pglite-initdb.tar'),
    keys: [{ key: OTHER, business: 'other', scopes: ['data:read', 'pages:read', 'pages:write'] }],
    rowCap: ROW_CAP,
    queryTimeoutMs: TIMEOUT_MS,
    checkSql: (sql) => (bypassChecker ? [] : checkSql(sql, { allowedTables: ['interactions'] })),
  });
  await platform.ready();
});

afterAll(async () => {
  await platform?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the seeded data set', () => {
  it('has at least 100,000 rows for demo and about 20,000 for other, in the 180 days before 2026-11-01', async () => {
    expect(await value('SELECT COUNT(*) FROM interactions')).toBeGreaterThanOrEqual(100_000);
    const other = await value('SELECT COUNT(*) FROM interactions', OTHER);
    expect(other).toBeGreaterThan(18_000);
    expect(other).toBeLessThan(22_000);
    const range = (await query('SELECT MIN(occurred_at) AS lo, MAX(occurred_at) AS hi, COUNT(DISTINCT id) AS ids, COUNT(*) AS n FROM interactions')).body.rows[0];
    expect(range.lo >= '2026-05-05T00:00:00.000Z').toBe(true);
    expect(range.hi < '2026-11-01T00:00:00.000Z').toBe(true);
    expect(range.ids).toBe(range.n);
  });

  it('is the same on every machine (a fingerprint of every row)', async () => {
    const sql =
      "SELECT md5(string_agg(concat_ws('|', id, occurred_at, channel, direction, customer_id, agent_id, topic, sentiment, sentiment_score, duration_s, resolved, csat, deal_stage, amount, closed_at), ',' ORDER BY id)) AS fp FROM interactions";
    const demo = await value(sql);
    const other = await value(sql, OTHER);
    expect(demo).toMatch(/^[0-9a-f]{32}$/);
    expect(other).not.toBe(demo);
    // Update together with SEED_VERSION when the generator changes on purpose.
    expect({ demo, other }).toMatchInlineSnapshot(`
      {
        "demo": "f30e02f30c52db0f451cb1a9a00757f5",
        "other": "c5ab5a80a9cbd13a86ee2ec9be34fea9",
      }
    `);
  });

  it('has every channel, bots only on self-service channels, web always inbound', async () => {
    const rows = (await query('SELECT channel, COUNT(*) AS n, COUNT(*) FILTER (WHERE agent_id IS NULL) AS bots, COUNT(*) FILTER (WHERE direction = \'outbound\') AS outbound FROM interactions GROUP BY channel')).body.rows;
    const by = Object.fromEntries(rows.map((r: any) => [r.channel, r]));
    expect(Object.keys(by).sort()).toEqual(['chat', 'email', 'phone', 'sms', 'social', 'web']);
    expect(by.web.bots).toBe(by.web.n);
    expect(by.web.outbound).toBe(0);
    expect(by.chat.bots).toBeGreaterThan(0);
    expect(by.chat.bots).toBeLessThan(by.chat.n);
    for (const ch of ['email', 'phone', 'sms', 'social']) expect(by[ch].bots).toBe(0);
    expect(by.email.outbound).toBeGreaterThan(0);
    expect(await value("SELECT COUNT(DISTINCT topic) FROM interactions WHERE topic IN ('billing','shipping','returns','account','product','other')")).toBe(6);
  });

  it('has weekly and daily rhythms', async () => {
    const weekday = await value('SELECT COUNT(*)::float / 5 FROM interactions WHERE EXTRACT(isodow FROM occurred_at) < 6');
    const weekend = await value('SELECT COUNT(*)::float / 2 FROM interactions WHERE EXTRACT(isodow FROM occurred_at) >= 6');
    expect(weekday).toBeGreaterThan(1.5 * weekend);
    const office = await value('SELECT COUNT(*) FROM interactions WHERE EXTRACT(hour FROM occurred_at) BETWEEN 10 AND 15');
    const night = await value('SELECT COUNT(*) FROM interactions WHERE EXTRACT(hour FROM occurred_at) BETWEEN 0 AND 5');
    expect(office).toBeGreaterThan(3 * night);
  });

  it('has sentiment labels that follow the score, ~80% resolved, CSAT sparse and correlated', async () => {
    expect(await value("SELECT COUNT(*) FROM interactions WHERE (sentiment = 'positive') <> (sentiment_score > 0.25) OR (sentiment = 'negative') <> (sentiment_score < -0.25)")).toBe(0);
    expect(await value('SELECT COUNT(*) FROM interactions WHERE sentiment_score < -1 OR sentiment_score > 1')).toBe(0);
    const resolved = await value('SELECT AVG(CASE WHEN resolved THEN 1.0 ELSE 0 END) FROM interactions');
    expect(resolved).toBeGreaterThan(0.75);
    expect(resolved).toBeLessThan(0.85);
    const surveyed = await value('SELECT AVG(CASE WHEN csat IS NULL THEN 0.0 ELSE 1 END) FROM interactions');
    expect(surveyed).toBeGreaterThan(0.1);
    expect(surveyed).toBeLessThan(0.5);
    expect(await value('SELECT COUNT(*) FROM interactions WHERE csat NOT BETWEEN 1 AND 5')).toBe(0);
    const pos = await value("SELECT AVG(csat) FROM interactions WHERE sentiment = 'positive'");
    const neg = await value("SELECT AVG(csat) FROM interactions WHERE sentiment = 'negative'");
    expect(pos - neg).toBeGreaterThan(1);
    const phone = await value("SELECT AVG(duration_s) FROM interactions WHERE channel = 'phone'");
    const sms = await value("SELECT AVG(duration_s) FROM interactions WHERE channel = 'sms'");
    expect(phone).toBeGreaterThan(2 * sms);
  });

  it('has a pipeline: stages on a minority, amounts with deals only, closed_at only when closed, a sensible win rate', async () => {
    const share = await value('SELECT AVG(CASE WHEN deal_stage IS NULL THEN 0.0 ELSE 1 END) FROM interactions');
    expect(share).toBeGreaterThan(0.02);
    expect(share).toBeLessThan(0.3);
    const stages = (await query('SELECT deal_stage, COUNT(*) AS n FROM interactions WHERE deal_stage IS NOT NULL GROUP BY 1 ORDER BY 1')).body.rows.map((r: any) => r.deal_stage);
    expect(stages).toEqual(['closed_lost', 'closed_won', 'proposal', 'prospecting', 'qualified']);
    expect(await value('SELECT COUNT(*) FROM interactions WHERE (amount IS NULL) <> (deal_stage IS NULL)')).toBe(0);
    expect(await value("SELECT COUNT(*) FROM interactions WHERE (closed_at IS NOT NULL) <> (deal_stage IN ('closed_won','closed_lost')) OR closed_at < occurred_at OR closed_at > '2026-11-01'")).toBe(0);
    const winRate = await value("SELECT AVG(CASE WHEN deal_stage = 'closed_won' THEN 1.0 ELSE 0 END) FROM interactions WHERE deal_stage IN ('closed_won','closed_lost')");
    expect(winRate).toBeGreaterThan(0.25);
    expect(winRate).toBeLessThan(0.65);
    expect(await value("SELECT MIN(amount) FROM interactions WHERE deal_stage IS NOT NULL")).toBeGreaterThan(0);
  });

  it('differs between businesses in distribution, not just size', async () => {
    const phoneShare = (key: string) => value("SELECT AVG(CASE WHEN channel = 'phone' THEN 1.0 ELSE 0 END) FROM interactions", key);
    expect((await phoneShare(OTHER)) - (await phoneShare(DEV))).toBeGreaterThan(0.1);
  });
});

describe('result values', () => {
  it('are JSON-safe with Postgres type names', async () => {
    const res = await query(
      "SELECT 42::bigint AS small_big, 9007199254740993::bigint AS huge_big, 1.25::numeric AS num, 0.5::float8 AS dbl, 'NaN'::float8 AS nan, " +
        "TIMESTAMPTZ '2026-01-02 03:04:05.678+00' AS tstz, TIMESTAMP '2026-01-02 03:04:05' AS ts, DATE '2026-01-02' AS d, " +
        "true AS flag, NULL::text AS nothing, ARRAY[1,2]::bigint[] AS arr, '{\"a\":1}'::jsonb AS doc, 2::smallint AS tiny",
    );
    expect(res.status).toBe(200);
    expect(res.body.rows[0]).toEqual({
      small_big: 42,
      huge_big: '9007199254740993',
      num: 1.25,
      dbl: 0.5,
      nan: 'NaN',
      tstz: '2026-01-02T03:04:05.678Z',
      ts: '2026-01-02T03:04:05',
      d: '2026-01-02',
      flag: true,
      nothing: null,
      arr: [1, 2],
      doc: { a: 1 },
      tiny: 2,
    });
    expect(res.body.columns.map((c: any) => c.type)).toEqual([
      'bigint', 'bigint', 'numeric', 'double precision', 'double precision', 'timestamptz', 'timestamp', 'date',
      'boolean', 'text', 'bigint[]', 'jsonb', 'smallint',
    ]);
  });

  it('columns follow select order; the table columns are exactly the contract', async () => {
    const res = await query('SELECT * FROM interactions ORDER BY id LIMIT 1');
    expect(res.body.columns).toEqual([
      { name: 'id', type: 'bigint' },
      { name: 'occurred_at', type: 'timestamptz' },
      { name: 'channel', type: 'text' },
      { name: 'direction', type: 'text' },
      { name: 'customer_id', type: 'text' },
      { name: 'agent_id', type: 'text' },
      { name: 'topic', type: 'text' },
      { name: 'sentiment', type: 'text' },
      { name: 'sentiment_score', type: 'double precision' },
      { name: 'duration_s', type: 'integer' },
      { name: 'resolved', type: 'boolean' },
      { name: 'csat', type: 'smallint' },
      { name: 'deal_stage', type: 'text' },
      { name: 'amount', type: 'numeric' },
      { name: 'closed_at', type: 'timestamptz' },
    ]);
    expect(res.body.rows[0].customer_id).toMatch(/^c_\d{5}$/);
  });

  it('a result too large to send is refused, not sent', async () => {
    const res = await query("SELECT repeat('x', 70000) AS blob FROM generate_series(1, 1000)");
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(400);
    expect(res.body.error.message).toMatch(/larger than/);
    expect((await query('SELECT 1 AS ok')).body.rows).toEqual([{ ok: 1 }]);
  });

  it('materialise at most rowCap rows', async () => {
    const res = await query('SELECT * FROM interactions');
    expect(res.body.row_count).toBe(ROW_CAP);
    expect(res.body.truncated).toBe(true);
  });
});

interface Attack {
  sql: string;
  /** With the checker off, the database may answer 200 because the statement is harmless. */
  harmless?: boolean;
  /** With the checker off it runs until the deadline. */
  slow?: boolean;
}

const ATTACKS: Attack[] = [
  // writes
  { sql: 'DELETE FROM interactions' },
  { sql: "UPDATE interactions SET channel = 'pwned'" },
  { sql: 'INSERT INTO interactions (id, occurred_at) VALUES (-1, now())' },
  { sql: 'TRUNCATE interactions' },
  { sql: 'MERGE INTO interactions t USING interactions s ON t.id = s.id WHEN MATCHED THEN DELETE' },
  // DDL and roles
  { sql: 'DROP TABLE interactions' },
  { sql: 'ALTER TABLE interactions ADD COLUMN pwned int' },
  { sql: 'CREATE TABLE stolen (x int)' },
  { sql: 'CREATE TEMP TABLE stolen AS SELECT * FROM interactions' },
  { sql: 'CREATE INDEX ON interactions (topic)' },
  { sql: "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1'" },
  { sql: 'GRANT ALL ON interactions TO PUBLIC' },
  { sql: 'CREATE ROLE evil SUPERUSER' },
  { sql: 'ALTER ROLE amdahl_reader SUPERUSER' },
  { sql: 'DO $$ BEGIN DELETE FROM interactions; END $$' },
  { sql: 'CREATE EXTENSION dblink' },
  { sql: 'VACUUM interactions' },
  { sql: 'LOCK TABLE interactions' },
  // COPY, files, network
  { sql: "COPY interactions TO '/tmp/leak.csv'" },
  { sql: "COPY interactions FROM '/etc/passwd'" },
  { sql: "COPY (SELECT 1) TO PROGRAM 'id'" },
  { sql: "SELECT pg_read_file('/etc/passwd')" },
  { sql: "SELECT pg_read_binary_file('PG_VERSION')" },
  { sql: "SELECT pg_ls_dir('.')" },
  { sql: "SELECT pg_stat_file('PG_VERSION')" },
  { sql: "SELECT lo_import('/etc/passwd')" },
  { sql: "SELECT lo_export(1, '/tmp/x')" },
  { sql: "SELECT * FROM dblink('dbname=other', 'SELECT count(*) FROM interactions') AS t(n bigint)" },
  // configuration and role switching
  { sql: 'SET ROLE postgres' },
  { sql: 'RESET ROLE' },
  { sql: 'SET SESSION AUTHORIZATION postgres' },
  { sql: 'SET statement_timeout = 0' },
  { sql: 'RESET ALL' },
  { sql: "SELECT set_config('role', 'postgres', false)" },
  { sql: "SELECT set_config('default_transaction_read_only', 'off', false)" },
  { sql: "SELECT * FROM interactions, LATERAL (SELECT set_config('role', 'postgres', true)) s LIMIT 1" },
  { sql: "SELECT current_setting('data_directory')" },
  // several statements, comment tricks
  { sql: 'SELECT 1; DELETE FROM interactions' },
  { sql: 'SELECT 1; COMMIT; DELETE FROM interactions' },
  { sql: 'SELECT 1 /* ; */ ; DROP TABLE interactions' },
  { sql: 'SELECT 1 --\n; DELETE FROM interactions' },
  { sql: 'ROLLBACK; DELETE FROM interactions' },
  { sql: 'COMMIT' },
  { sql: '/* just a comment */ DELETE FROM interactions' },
  { sql: 'SELECT $$;$$; DELETE FROM interactions' },
  { sql: 'SeLeCt 1; dElEtE fRoM interactions' },
  { sql: 'EXPLAIN ANALYZE DELETE FROM interactions' },
  { sql: 'PREPARE p AS DELETE FROM interactions' },
  { sql: 'NOTIFY pwned' },
  // data-modifying CTEs
  { sql: 'WITH d AS (DELETE FROM interactions RETURNING *) SELECT COUNT(*) FROM d' },
  { sql: 'WITH u AS (UPDATE interactions SET csat = 1 RETURNING id) SELECT COUNT(*) FROM u' },
  { sql: 'WITH i AS (INSERT INTO interactions (id, occurred_at) VALUES (-1, now()) RETURNING id) SELECT * FROM i' },
  // SELECT INTO, locking
  { sql: 'SELECT * INTO stolen FROM interactions' },
  { sql: 'SELECT * FROM interactions FOR UPDATE' },
  { sql: 'SELECT * FROM interactions LIMIT 1 FOR SHARE NOWAIT' },
  // functions that run SQL or leave the transaction's reach
  { sql: "SELECT query_to_xml('DELETE FROM interactions', true, false, '')" },
  { sql: 'SELECT pg_terminate_backend(pg_backend_pid())' },
  { sql: "SELECT nextval('interactions_id_seq')" },
  { sql: 'SELECT txid_current()', harmless: true },
  { sql: 'SELECT pg_advisory_lock(42)', harmless: true },
  { sql: 'SELECT version()', harmless: true },
  // sleeping (directly, in a subquery, in FROM)
  { sql: 'SELECT pg_sleep(30)', slow: true },
  { sql: 'SELECT * FROM interactions WHERE id IN (SELECT 1 FROM pg_sleep(30))', slow: true },
  { sql: "SELECT pg_sleep_for('30 seconds')", slow: true },
  // other businesses and internals
  { sql: 'SELECT * FROM other.interactions' },
  { sql: 'SELECT * FROM "other"."interactions"' },
  { sql: "SELECT COUNT(*) FROM interactions WHERE business_id = 'other'" },
  { sql: 'SELECT * FROM interactions WHERE id = 1 UNION ALL SELECT * FROM other.interactions' },
  { sql: 'SELECT datname FROM pg_database', harmless: true },
  { sql: 'SELECT * FROM amdahl_internal.seed_marker' },
  { sql: 'SELECT * FROM pg_authid' },
  { sql: 'SELECT * FROM pg_catalog.pg_shadow' },
];

describe('attack suite', () => {
  let before: { demo: number; other: number; demoPages: unknown; otherPages: unknown };

  beforeAll(async () => {
    before = {
      demo: await value('SELECT COUNT(*) FROM interactions'),
      other: await value('SELECT COUNT(*) FROM interactions', OTHER),
      demoPages: await pages(DEV),
      otherPages: await pages(OTHER),
    };
  });

  it(`has at least 40 statements (${ATTACKS.length})`, () => {
    expect(ATTACKS.length).toBeGreaterThanOrEqual(40);
  });

  it.each(ATTACKS.map((a) => [a.sql, a] as const))('the checker refuses %s', async (_sql, attack) => {
    bypassChecker = false;
    const res = await query(attack.sql);
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.error.code).toBe('invalid_argument');
    expect(res.ms).toBeLessThan(TIMEOUT_MS);
  });

  it.each(ATTACKS.map((a) => [a.sql, a] as const))('with the checker off, the database still refuses %s', async (_sql, attack) => {
    bypassChecker = true;
    try {
      const res = await query(attack.sql);
      if (attack.slow) {
        expect(res.status, JSON.stringify(res.body)).toBe(504);
        expect(res.body.error.code).toBe('deadline_exceeded');
        expect(res.ms).toBeLessThan(TIMEOUT_MS + 1500);
      } else if (attack.harmless && res.status === 200) {
        expect(JSON.stringify(res.body.rows)).not.toMatch(/other/);
      } else {
        expect([400, 504], JSON.stringify(res.body)).toContain(res.status);
      }
      // whatever happened, the next statement runs as the reader, read-only
      const who = (await query('SELECT current_user AS u, current_setting(\'transaction_read_only\') AS ro')).body.rows[0];
      expect(who).toEqual({ u: 'amdahl_reader', ro: 'on' });
    } finally {
      bypassChecker = false;
    }
  });

  it('left both businesses exactly as they were', async () => {
    expect(await value('SELECT COUNT(*) FROM interactions')).toBe(before.demo);
    expect(await value('SELECT COUNT(*) FROM interactions', OTHER)).toBe(before.other);
    expect(await value("SELECT COUNT(*) FROM interactions WHERE channel = 'pwned' OR id < 1")).toBe(0);
    expect(await pages(DEV)).toEqual(before.demoPages);
    expect(await pages(OTHER)).toEqual(before.otherPages);
    bypassChecker = true;
    try {
      // the reader still cannot switch roles or reach anything but interactions
      expect(await value("SELECT has_function_privilege('amdahl_reader', 'set_config(text,text,boolean)', 'EXECUTE')")).toBe(false);
      expect(await value("SELECT COUNT(*) FROM information_schema.table_privileges WHERE grantee = 'amdahl_reader' AND privilege_type <> 'SELECT'")).toBe(0);
      expect(await value("SELECT COUNT(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r'")).toBe(1);
    } finally {
      bypassChecker = false;
    }
  });
});

describe('deadlines', () => {
  it('a sleeping query in one business does not hold up another', async () => {
    bypassChecker = true;
    try {
      const sleeping = query('SELECT pg_sleep(30)');
      await new Promise((r) => setTimeout(r, 100));
      const other = await query('SELECT COUNT(*) AS n FROM interactions', OTHER);
      expect(other.status).toBe(200);
      expect(other.ms).toBeLessThan(TIMEOUT_MS);
      const slept = await sleeping;
      expect(slept.status).toBe(504);
      const next = await query('SELECT COUNT(*) AS n FROM interactions');
      expect(next.status).toBe(200);
    } finally {
      bypassChecker = false;
    }
  });

  it('queries queued behind a stopped one still run', async () => {
    bypassChecker = true;
    try {
      const [slow, a, b] = await Promise.all([query('SELECT pg_sleep(30)'), query('SELECT 1 AS x'), query('SELECT 2 AS x')]);
      expect(slow.status).toBe(504);
      expect(a.body.rows).toEqual([{ x: 1 }]);
      expect(b.body.rows).toEqual([{ x: 2 }]);
    } finally {
      bypassChecker = false;
    }
  });
});

describe('recovery', () => {
  it('a database that no longer opens is rebuilt with the same rows; pages are kept', async () => {
    const count = await value('SELECT COUNT(*) FROM interactions', OTHER);
    const pagesBefore = await pages(OTHER);
    await platform.close();
    fs.rmSync(path.join(dir, 'businesses', 'other', 'pgdata', 'global', 'pg_control'));
    const notices: string[] = [];
    platform = createLocalPlatform({
      dir,
      initdbTemplate: path.join(os.tmpdir(), 'amdahl-test-pglite-initdb.tar'),
      keys: [{ key: OTHER, business: 'other', scopes: ['data:read', 'pages:read', 'pages:write'] }],
      rowCap: ROW_CAP,
      queryTimeoutMs: TIMEOUT_MS,
      log: (m) => notices.push(m),
    });
    expect(await value('SELECT COUNT(*) FROM interactions', OTHER)).toBe(count);
    expect(notices.some((m) => /rebuilding/.test(m))).toBe(true);
    expect(await pages(OTHER)).toEqual(pagesBefore);
  });
});
