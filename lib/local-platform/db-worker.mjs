// One business's database, alone in a worker thread.
//
// PGlite ignores statement_timeout, so the only way to stop a runaway query is
// to terminate the thread that runs it; the parent does that and starts a new
// worker on the same data directory. This file is plain ESM JavaScript so it
// can be loaded from disk by path at run time (also from inside a Next.js
// server bundle, where a bundled TypeScript module would have no file of its own).
//
// workerData: { dataDir, setupSql, setupVersion, readerRole, searchRole, sliceSetting, templateFile, makeTemplate, maxResultBytes }
// Messages in:  { id, type: 'query', sql, rowCap, slice? } | { id, type: 'close' }
//               | { id, type: 'platform', sql, params, rowCap, slice? }  (the platform's own parameterised SQL, e.g. search)
//               (slice: JSON text, column -> allowed values; enforced by the table's row-level security policy)
// Messages out: { type: 'ready', seeded, openMs, seedMs, rowCount, fromTemplate }
//               { type: 'template', written }  (only when makeTemplate)
//               { type: 'fatal', message } | { type: 'notice', message }
//               { id, ok: true, result } | { id, ok: false, error: { message, sqlstate, position, detail, hint } }

import { parentPort, workerData } from 'node:worker_threads';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';

const { dataDir, setupSql, setupVersion, readerRole, searchRole, sliceSetting, templateFile, makeTemplate } = workerData;
const maxResultBytes = workerData.maxResultBytes ?? 64 * 1024 * 1024;
const CURSOR_PREFIX = 'DECLARE amdahl_user_cursor NO SCROLL CURSOR FOR ';
const READY_FILE = path.join(path.dirname(dataDir), 'pgdata.ready');

// --- JSON-safe values -------------------------------------------------------

const TS_RE = /^(\d{4})-(\d\d)-(\d\d)[ T](\d\d):(\d\d):(\d\d)(\.\d+)?([+-]\d\d)(?::?(\d\d))?(?::?(\d\d))?$/;

function timestamptzToIso(text) {
  const m = TS_RE.exec(text);
  if (!m) return text; // infinity, BC dates, years past 9999: keep Postgres's text
  const [, y, mo, d, h, mi, s, frac, oh, om, os] = m;
  const ms = frac ? frac.slice(1, 4).padEnd(3, '0') : '000';
  if (oh === '+00' && !om && !os) return `${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}Z`;
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}${oh}:${om ?? '00'}`);
  return Number.isNaN(date.getTime()) ? text : date.toISOString();
}

function int8(text) {
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : text;
}

function finiteOrText(text) {
  const n = Number(text);
  return Number.isFinite(n) ? n : text;
}

// Parsers by type OID: bigint -> number when safe, numeric -> number,
// timestamps -> ISO strings, dates and byteas stay as Postgres prints them.
const PARSERS = {
  20: int8,
  1700: finiteOrText,
  700: finiteOrText,
  701: finiteOrText,
  1184: timestamptzToIso,
  1114: (text) => (TS_RE.test(text + '+00') ? text.replace(' ', 'T') : text),
  1082: (text) => text,
  17: (text) => text,
};

// A net under the parsers: arrays and composite values may still carry
// bigint, Date or bytes from PGlite's own parsing.
function jsonSafe(value) {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'bigint': {
      const n = Number(value);
      return Number.isSafeInteger(n) ? n : value.toString();
    }
    case 'number':
      return Number.isFinite(value) ? value : String(value);
    case 'string':
    case 'boolean':
      return value;
    case 'object':
      if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
      if (value instanceof Uint8Array) return '\\x' + Buffer.from(value).toString('hex');
      if (Array.isArray(value)) return value.map(jsonSafe);
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jsonSafe(v)]));
    default:
      return String(value);
  }
}

// --- Type names --------------------------------------------------------------

const SHORT_TYPE_NAMES = {
  'timestamp with time zone': 'timestamptz',
  'timestamp without time zone': 'timestamp',
  'time with time zone': 'timetz',
  'time without time zone': 'time',
};
const typeNames = new Map();

async function loadTypeNames(db) {
  const res = await db.query('SELECT oid::int AS oid, format_type(oid, NULL) AS name FROM pg_catalog.pg_type');
  for (const row of res.rows) typeNames.set(row.oid, SHORT_TYPE_NAMES[row.name] ?? row.name);
}

function typeName(oid) {
  return typeNames.get(oid) ?? `oid:${oid}`;
}

// --- Opening and seeding -------------------------------------------------------

async function open() {
  const started = performance.now();
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  // A data directory without the ready marker was cut off during initdb or
  // seeding. Its contents are generated, so nothing is lost by starting again.
  if (!fs.existsSync(READY_FILE)) fs.rmSync(dataDir, { recursive: true, force: true });
  let fresh = !fs.existsSync(path.join(dataDir, 'PG_VERSION'));
  let db;
  let fromTemplate = false;
  if (!fresh) {
    try {
      db = await PGlite.create({ dataDir, parsers: PARSERS });
    } catch (err) {
      // A database that no longer opens (say, killed at a bad moment). Its
      // rows are generated, so it is rebuilt rather than left broken.
      parentPort.postMessage({ type: 'notice', message: `could not reopen the database (${err?.message ?? err}); rebuilding it` });
      fs.rmSync(READY_FILE, { force: true });
      fs.rmSync(dataDir, { recursive: true, force: true });
      fresh = true;
    }
  }
  // initdb takes seconds; a pristine cluster saved once (a tar of its data
  // directory) loads in about one. A template that does not load (another
  // PGlite version, a damaged file) is ignored and initdb runs.
  let templateFailed = false;
  if (fresh && templateFile && fs.existsSync(templateFile)) {
    try {
      const tar = fs.readFileSync(templateFile);
      // PGlite would try to gunzip anything else and fail outside any try/catch.
      if (tar.subarray(257, 262).toString('latin1') !== 'ustar') throw new Error('not a tar file');
      db = await PGlite.create({ dataDir, parsers: PARSERS, loadDataDir: new Blob([tar]) });
      fromTemplate = true;
    } catch {
      try {
        await db?.close();
      } catch {
        // already broken
      }
      db = undefined;
      templateFailed = true;
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }
  if (!db) {
    db = await PGlite.create({ dataDir, parsers: PARSERS });
    // A template that failed to load is replaced by this fresh cluster.
    if (fresh && (makeTemplate || templateFailed) && templateFile) {
      let written = false;
      try {
        const blob = await db.dumpDataDir('none');
        const temp = `${templateFile}.${process.pid}.${randomUUID()}.tmp`;
        fs.mkdirSync(path.dirname(templateFile), { recursive: true });
        fs.writeFileSync(temp, Buffer.from(await blob.arrayBuffer()));
        fs.renameSync(temp, templateFile);
        written = true;
      } catch {
        // no template this time; the next fresh business runs initdb too
      }
      parentPort.postMessage({ type: 'template', written });
    }
  }
  const openMs = performance.now() - started;
  await db.exec("SET TIME ZONE 'UTC'; SET DateStyle = 'ISO, YMD';");
  const marker = await db.query(
    "SELECT to_regclass('amdahl_internal.seed_marker') IS NOT NULL AS present",
  );
  let seeded = false;
  let seedMs = 0;
  let present = marker.rows[0].present;
  if (present) {
    const v = await db.query('SELECT max(version) AS version FROM amdahl_internal.seed_marker');
    present = v.rows[0].version === setupVersion;
    if (!present) {
      // An older seed: drop it and seed again (the data set is generated, nothing is lost).
      await db.exec(
        'DROP SCHEMA IF EXISTS amdahl_search CASCADE; DROP TABLE IF EXISTS public.interactions CASCADE; DROP SCHEMA IF EXISTS amdahl_internal CASCADE;',
      );
    }
  }
  if (!present) {
    const t = performance.now();
    await db.exec(`BEGIN;\n${setupSql}\nCOMMIT;`);
    await db.exec('ANALYZE public.interactions; ANALYZE amdahl_search.notes; CHECKPOINT;');
    seedMs = performance.now() - t;
    seeded = true;
  }
  // A slice is only ever applied where the policy that enforces it is in place.
  const policy = await db.query(
    "SELECT c.relrowsecurity AND EXISTS (SELECT 1 FROM pg_policies p WHERE p.tablename = 'interactions' AND p.policyname = 'amdahl_slice') AS ok FROM pg_class c WHERE c.oid = 'public.interactions'::regclass",
  );
  sliceEnforced = policy.rows[0]?.ok === true;
  fs.writeFileSync(READY_FILE, `${setupVersion}\n`);
  await loadTypeNames(db);
  const count = await db.query('SELECT row_count::int AS n FROM amdahl_internal.seed_marker ORDER BY seeded_at DESC LIMIT 1');
  return { db, openMs, seedMs, seeded, fromTemplate, rowCount: count.rows[0]?.n ?? 0 };
}

// --- Queries ---------------------------------------------------------------------

function describeError(err, prefixLength) {
  const e = err ?? {};
  let position;
  if (e.position !== undefined && e.position !== null && e.position !== '') {
    const p = Number(e.position) - 1 - prefixLength;
    if (Number.isFinite(p) && p >= 0) position = p;
  }
  return {
    message: typeof e.message === 'string' ? e.message : String(err),
    sqlstate: typeof e.code === 'string' ? e.code : undefined,
    position,
    detail: typeof e.detail === 'string' ? e.detail : undefined,
    hint: typeof e.hint === 'string' ? e.hint : undefined,
  };
}

/**
 * Runs `run` inside a READ ONLY transaction as `role`, under the slice (JSON
 * text, or none), and rolls it all back after: the role switch, the slice
 * setting and anything else the statement managed to change.
 */
async function inSlicedTransaction(db, role, slice, run) {
  if (slice && !sliceEnforced) {
    throw Object.assign(new Error('this database cannot enforce a data slice'), { code: 'XX000' });
  }
  await db.exec('BEGIN READ ONLY');
  try {
    // Set as the bootstrap user, before the switch: the role cannot change it.
    await db.query('SELECT set_config($1, $2, true)', [sliceSetting, slice ?? '']);
    await db.exec(`SET LOCAL ROLE ${role}`);
    return await run();
  } finally {
    await db.exec('ROLLBACK');
  }
}

// User SQL: as a role that may SELECT interactions and nothing else.
async function runQuery(db, sql, rowCap, slice) {
  const started = performance.now();
  return inSlicedTransaction(db, readerRole, slice, async () => {
    // A cursor materialises only the rows fetched: at most rowCap + 1.
    // query() uses the extended protocol, which refuses a second statement.
    await db.query(CURSOR_PREFIX + sql);
    const res = await db.query(`FETCH FORWARD ${rowCap + 1} FROM amdahl_user_cursor`, [], { rowMode: 'array' });
    const fields = res.fields;
    const truncated = res.rows.length > rowCap;
    const raw = truncated ? res.rows.slice(0, rowCap) : res.rows;
    let bytes = 0;
    const rows = raw.map((values) => {
      const row = {};
      for (let i = 0; i < fields.length; i++) row[fields[i].name] = jsonSafe(values[i]);
      bytes += JSON.stringify(row).length;
      if (bytes > maxResultBytes) {
        throw Object.assign(new Error(`the result is larger than ${Math.round(maxResultBytes / 1048576)} MB; select fewer rows or columns`), { code: '54000' });
      }
      return row;
    });
    return {
      rows,
      columns: fields.map((f) => ({ name: f.name, type: typeName(f.dataTypeID) })),
      row_count: rows.length,
      truncated,
      elapsed_ms: Math.round((performance.now() - started) * 10) / 10,
    };
  });
}

// The platform's own statements (search): parameterised, never user text as
// SQL, run like user SQL (read only, under the slice) as the search role,
// which may read the search corpus the reader cannot see.
async function runPlatformQuery(db, sql, params, rowCap, slice) {
  const started = performance.now();
  return inSlicedTransaction(db, searchRole, slice, async () => {
    const res = await db.query(sql, params);
    const rows = res.rows.slice(0, rowCap).map((row) => jsonSafe(row));
    return { rows, row_count: rows.length, elapsed_ms: Math.round((performance.now() - started) * 10) / 10 };
  });
}

// --- Main loop ---------------------------------------------------------------------

let database;
let sliceEnforced = false;
let chain = Promise.resolve();

async function handle(msg) {
  if (msg.type === 'query' || msg.type === 'platform') {
    try {
      const result =
        msg.type === 'query'
          ? await runQuery(database, msg.sql, msg.rowCap, msg.slice)
          : await runPlatformQuery(database, msg.sql, msg.params ?? [], msg.rowCap, msg.slice);
      parentPort.postMessage({ id: msg.id, ok: true, result });
    } catch (err) {
      const error = describeError(err, msg.type === 'query' ? CURSOR_PREFIX.length : 0);
      parentPort.postMessage({ id: msg.id, ok: false, error });
      // Without a SQLSTATE it was not Postgres refusing the query but PGlite
      // failing: this instance may be unusable, so let the parent start afresh.
      if (!error.sqlstate) {
        parentPort.postMessage({ type: 'fatal', message: error.message });
        process.exit(1);
      }
    }
  } else if (msg.type === 'close') {
    try {
      await database.close();
    } finally {
      parentPort.postMessage({ id: msg.id, ok: true, result: null });
      parentPort.close();
    }
  }
}

try {
  const opened = await open();
  database = opened.db;
  parentPort.on('message', (msg) => {
    chain = chain.then(() => handle(msg));
  });
  parentPort.postMessage({
    type: 'ready',
    seeded: opened.seeded,
    openMs: Math.round(opened.openMs),
    seedMs: Math.round(opened.seedMs),
    rowCount: opened.rowCount,
    fromTemplate: opened.fromTemplate,
  });
} catch (err) {
  parentPort.postMessage({ type: 'fatal', message: err instanceof Error ? err.message : String(err) });
  process.exit(1);
}
