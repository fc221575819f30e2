/**
 * The seeded data set of one business: SQL run once, inside the business's own
 * database, when its data directory is new. Everything is derived from integer
 * hashing of row numbers (no random()), so every machine gets the same rows.
 */

import { SLICE_COLUMNS } from '../embed/slice-rules';
import { searchCorpusSql } from './seed-search';

export const SEED_VERSION = 3;
/** The fixed end of the 180-day window (exclusive). */
export const SEED_ANCHOR = '2026-11-01T00:00:00Z';
export const SEED_DAYS = 180;
export const READER_ROLE = 'amdahl_reader';
/** The role the platform's own search statements run as (seed-search.ts). */
export const SEARCH_ROLE = 'amdahl_searcher';

export interface SeedProfile {
  /** Expected row count; the rhythm noise moves it by well under 1%. */
  rows: number;
  /** Mixed into every hash so two businesses differ row by row. */
  salt: number;
  customers: number;
  agents: number;
  /** Cumulative channel thresholds in this order: email, chat, phone, sms, social, web. */
  channelMix: Record<Channel, number>;
  /** Added to every sentiment score (a happier or grumpier customer base). */
  sentimentBias: number;
  /** Share of rows that carry a deal (before the outbound boost). */
  dealShare: number;
  /** Average deal size multiplier. */
  dealScale: number;
  /** A two-week shipping incident (days before the anchor), or null. */
  incident: { startDay: number; endDay: number } | null;
}

export type Channel = 'email' | 'chat' | 'phone' | 'sms' | 'social' | 'web';

const CHANNELS: Channel[] = ['email', 'chat', 'phone', 'sms', 'social', 'web'];

export const DEMO_PROFILE: SeedProfile = {
  rows: 120_000,
  salt: 7,
  customers: 12_000,
  agents: 40,
  channelMix: { email: 0.3, chat: 0.22, phone: 0.18, sms: 0.09, social: 0.07, web: 0.14 },
  sentimentBias: 0,
  dealShare: 0.06,
  dealScale: 1,
  incident: { startDay: 74, endDay: 60 },
};

/** Every other business: smaller, phone-heavy, happier, bigger deals, no incident. */
export function profileFor(business: string): SeedProfile {
  if (business === 'demo') return DEMO_PROFILE;
  let salt = 17;
  for (const ch of business) salt = (salt * 31 + ch.charCodeAt(0)) % 1_000_003;
  return {
    rows: 20_000,
    salt,
    customers: 3_000,
    agents: 12,
    channelMix: { email: 0.25, chat: 0.1, phone: 0.35, sms: 0.15, social: 0.05, web: 0.1 },
    sentimentBias: 0.12,
    dealShare: 0.1,
    dealScale: 2.5,
    incident: null,
  };
}

function channelCase(mix: Record<Channel, number>, r: string): string {
  const total = CHANNELS.reduce((s, c) => s + mix[c], 0);
  let acc = 0;
  const arms = CHANNELS.slice(0, -1).map((c) => {
    acc += mix[c] / total;
    return `WHEN ${r} < ${acc.toFixed(6)} THEN '${c}'`;
  });
  return `CASE ${arms.join(' ')} ELSE '${CHANNELS[CHANNELS.length - 1]}' END`;
}

/**
 * The whole setup of a new business database, as one script. It runs as the
 * bootstrap superuser before any user SQL; afterwards user SQL runs as
 * READER_ROLE, which may only SELECT from interactions.
 */
/** The setting that carries the slice of one transaction. */
export const SLICE_SETTING = 'amdahl.slice';

/**
 * Each sliceable column either is absent from the slice or holds one of its
 * values. The setting is read in uncorrelated subqueries, which Postgres
 * evaluates once per statement rather than once per row.
 */
function slicePolicy(): string {
  const slice = `nullif(current_setting('${SLICE_SETTING}', true), '')::jsonb`;
  return SLICE_COLUMNS.map(
    (c) => `((SELECT (${slice} -> '${c}') IS NULL) OR ${c} = ANY (SELECT jsonb_array_elements_text(${slice} -> '${c}')))`,
  ).join(' AND ');
}

export function seedSql(profile: SeedProfile): string {
  const p = profile;
  const hours = SEED_DAYS * 24;
  // Uniform in [0, 1) from Postgres's own integer hash (the same on every machine: one WASM build).
  const r = (expr: string, k: number) =>
    `((hashint8extended(${expr}, ${p.salt * 64 + k}) & 4294967295)::float8 / 4294967296::float8)`;
  const incident = p.incident
    ? `CASE WHEN topic = 'shipping' AND age_days BETWEEN ${p.incident.endDay} AND ${p.incident.startDay} THEN -0.45 ELSE 0 END`
    : '0';
  const incidentVolume = p.incident
    ? `CASE WHEN (${hours} - s) / 24 BETWEEN ${p.incident.endDay} AND ${p.incident.startDay} THEN 1.25 ELSE 1 END`
    : '1';
  return `
CREATE SCHEMA amdahl_internal;
REVOKE ALL ON SCHEMA amdahl_internal FROM PUBLIC;

CREATE TABLE public.interactions (
  id bigint PRIMARY KEY,
  occurred_at timestamptz NOT NULL,
  channel text NOT NULL,
  direction text NOT NULL,
  customer_id text NOT NULL,
  agent_id text,
  topic text NOT NULL,
  sentiment text NOT NULL,
  sentiment_score double precision NOT NULL,
  duration_s integer NOT NULL,
  resolved boolean NOT NULL,
  csat smallint,
  deal_stage text,
  amount numeric(12,2),
  closed_at timestamptz
);

CREATE TEMP TABLE seed_rows ON COMMIT DROP AS
WITH slots AS (
  SELECT s,
         timestamptz '${SEED_ANCHOR}' - (${hours} - s) * interval '1 hour' AS hour_start,
         -- daily rhythm (UTC office hours), weekly rhythm (quiet weekends), slow growth
         (CASE
            WHEN extract(hour FROM timestamptz '${SEED_ANCHOR}' - (${hours} - s) * interval '1 hour') < 6 THEN 0.12
            WHEN extract(hour FROM timestamptz '${SEED_ANCHOR}' - (${hours} - s) * interval '1 hour') < 8 THEN 0.45
            WHEN extract(hour FROM timestamptz '${SEED_ANCHOR}' - (${hours} - s) * interval '1 hour') < 12 THEN 1.0
            WHEN extract(hour FROM timestamptz '${SEED_ANCHOR}' - (${hours} - s) * interval '1 hour') < 13 THEN 0.8
            WHEN extract(hour FROM timestamptz '${SEED_ANCHOR}' - (${hours} - s) * interval '1 hour') < 17 THEN 0.95
            WHEN extract(hour FROM timestamptz '${SEED_ANCHOR}' - (${hours} - s) * interval '1 hour') < 21 THEN 0.5
            ELSE 0.25 END)
         * (CASE extract(isodow FROM timestamptz '${SEED_ANCHOR}' - (${hours} - s) * interval '1 hour')
              WHEN 1 THEN 1.15 WHEN 2 THEN 1.05 WHEN 3 THEN 1.0 WHEN 4 THEN 1.0 WHEN 5 THEN 0.9
              WHEN 6 THEN 0.45 ELSE 0.35 END)
         * (0.85 + 0.3 * s / ${hours}.0)
         * ${incidentVolume} AS w
  FROM generate_series(0, ${hours - 1}) AS s
),
counts AS (
  SELECT s, hour_start,
         round(${p.rows} * w / sum(w) OVER () * (0.8 + 0.4 * ${r('s', 1)}))::int AS n
  FROM slots
),
stamped AS (
  SELECT hour_start + ${r('s * 1000 + j', 2)} * interval '1 hour' AS occurred_at, s, j
  FROM counts, generate_series(1, n) AS j
)
SELECT row_number() OVER (ORDER BY occurred_at, s, j) AS id, occurred_at,
       extract(hour FROM occurred_at)::int AS hod
FROM stamped;

CREATE TEMP TABLE seed_a ON COMMIT DROP AS
SELECT id, occurred_at, hod,
       extract(epoch FROM timestamptz '${SEED_ANCHOR}' - occurred_at) / 86400.0 AS age_days,
       CASE WHEN (hod >= 19 OR hod < 7) AND ${r('id', 3)} < 0.35
            THEN (CASE WHEN ${r('id', 4)} < 0.55 THEN 'web' ELSE 'chat' END)
            ELSE ${channelCase(p.channelMix, r('id', 4))} END AS channel,
       ${r('id', 5)} AS r_dir,
       ${r('id', 6)} AS r_bot,
       ${r('id', 7)} AS r_topic,
       ${r('id', 8)} AS r_cust,
       ${r('id', 9)} AS r_agent,
       (${r('id', 10)} + ${r('id', 11)} + ${r('id', 12)} - 1.5) AS noise,
       ${r('id', 13)} AS r_dur,
       ${r('id', 14)} AS r_res,
       ${r('id', 15)} AS r_survey,
       ${r('id', 16)} AS r_csat,
       ${r('id', 17)} AS r_deal,
       ${r('id', 18)} AS r_stage,
       ${r('id', 19)} AS r_amount,
       ${r('id', 20)} AS r_close
FROM seed_rows;

CREATE TEMP TABLE seed_t ON COMMIT DROP AS
SELECT *,
       CASE WHEN r_topic < 0.22 THEN 'billing'
            WHEN r_topic < 0.42 THEN 'shipping'
            WHEN r_topic < 0.56 THEN 'returns'
            WHEN r_topic < 0.72 THEN 'account'
            WHEN r_topic < 0.90 THEN 'product'
            ELSE 'other' END AS topic
FROM seed_a;

CREATE TEMP TABLE seed_b ON COMMIT DROP AS
SELECT *,
       CASE channel WHEN 'web' THEN 'inbound'
            WHEN 'chat' THEN CASE WHEN r_dir < 0.05 THEN 'outbound' ELSE 'inbound' END
            WHEN 'social' THEN CASE WHEN r_dir < 0.15 THEN 'outbound' ELSE 'inbound' END
            WHEN 'phone' THEN CASE WHEN r_dir < 0.30 THEN 'outbound' ELSE 'inbound' END
            WHEN 'email' THEN CASE WHEN r_dir < 0.35 THEN 'outbound' ELSE 'inbound' END
            ELSE CASE WHEN r_dir < 0.55 THEN 'outbound' ELSE 'inbound' END END AS direction,
       greatest(-1.0, least(1.0, round((
         ${p.sentimentBias}
         + CASE topic WHEN 'returns' THEN -0.25 WHEN 'billing' THEN -0.15 WHEN 'shipping' THEN -0.08
                      WHEN 'account' THEN 0.0 WHEN 'product' THEN 0.15 ELSE 0.05 END
         + CASE channel WHEN 'social' THEN -0.12 WHEN 'phone' THEN 0.05 WHEN 'web' THEN -0.03 ELSE 0 END
         + ${incident}
         + 0.75 * noise)::numeric, 3)))::double precision AS sentiment_score
FROM seed_t;

INSERT INTO public.interactions
SELECT id, occurred_at, channel, direction,
       'c_' || lpad((1 + floor(power(r_cust, 1.6) * ${p.customers}))::int::text, 5, '0') AS customer_id,
       CASE WHEN channel = 'web' OR (channel = 'chat' AND direction = 'inbound' AND r_bot < 0.4) THEN NULL
            ELSE 'a_' || lpad((1 + floor(r_agent * ${p.agents}))::int::text, 3, '0') END AS agent_id,
       topic,
       CASE WHEN sentiment_score > 0.25 THEN 'positive' WHEN sentiment_score < -0.25 THEN 'negative' ELSE 'neutral' END,
       sentiment_score,
       (CASE channel WHEN 'phone' THEN 90 + r_dur * r_dur * 1100
                     WHEN 'chat' THEN 60 + r_dur * 900
                     WHEN 'email' THEN 45 + r_dur * r_dur * 700
                     WHEN 'sms' THEN 15 + r_dur * 150
                     WHEN 'social' THEN 20 + r_dur * 260
                     ELSE 10 + r_dur * r_dur * 480 END
        * CASE WHEN r_res < 0.8 + 0.15 * sentiment_score THEN 1 ELSE 1.35 END)::int AS duration_s,
       r_res < 0.8 + 0.15 * sentiment_score AS resolved,
       CASE WHEN direction = 'inbound' AND r_survey < 0.35 THEN
         greatest(1, least(5, round(3.2 + 1.8 * sentiment_score + 1.6 * (r_csat - 0.5)
                                    + CASE WHEN r_res < 0.8 + 0.15 * sentiment_score THEN 0.4 ELSE -0.7 END)))::smallint
       END AS csat,
       deal.stage,
       CASE WHEN deal.stage IS NOT NULL THEN round((${p.dealScale} * 800 * exp(r_amount * 3.6))::numeric, -1) END AS amount,
       CASE WHEN deal.stage IN ('closed_won', 'closed_lost')
            THEN occurred_at + (r_close * least(45.0, age_days)) * interval '1 day' END AS closed_at
FROM seed_b,
LATERAL (SELECT CASE
   WHEN r_deal >= CASE WHEN direction = 'outbound' THEN ${(p.dealShare * 3).toFixed(4)} ELSE ${(p.dealShare * 0.6).toFixed(4)} END THEN NULL
   WHEN r_stage < 0.2 + 0.6 * age_days / ${SEED_DAYS}.0 THEN
     CASE WHEN r_close < 0.42 + 0.25 * sentiment_score THEN 'closed_won' ELSE 'closed_lost' END
   WHEN r_stage < 0.2 + 0.6 * age_days / ${SEED_DAYS}.0 + (0.8 - 0.6 * age_days / ${SEED_DAYS}.0) * 0.45 THEN 'prospecting'
   WHEN r_stage < 0.2 + 0.6 * age_days / ${SEED_DAYS}.0 + (0.8 - 0.6 * age_days / ${SEED_DAYS}.0) * 0.75 THEN 'qualified'
   ELSE 'proposal' END AS stage) AS deal;

CREATE INDEX interactions_occurred_at ON public.interactions (occurred_at);
CREATE INDEX interactions_channel ON public.interactions (channel);

-- The role user SQL runs as: it reads interactions and nothing else.
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${READER_ROLE}') THEN
    CREATE ROLE ${READER_ROLE} NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT;
  END IF;
END $$;
REVOKE ALL ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO ${READER_ROLE};
GRANT SELECT ON public.interactions TO ${READER_ROLE};
REVOKE TEMPORARY ON DATABASE postgres FROM PUBLIC;
-- Without set_config the reader cannot switch its role back (SET and RESET are statements, refused earlier).
REVOKE EXECUTE ON FUNCTION pg_catalog.set_config(text, text, boolean) FROM PUBLIC;
ALTER ROLE ${READER_ROLE} SET default_transaction_read_only = on;

-- A data slice (an embed token's rules, a key's own rules) is enforced here, for every reference to
-- interactions however the statement is written. The platform sets amdahl.slice (JSON: column ->
-- allowed values) for one transaction before switching to the reader, which cannot call set_config.
ALTER TABLE public.interactions ENABLE ROW LEVEL SECURITY;
${searchCorpusSql(r, p.rows, SEARCH_ROLE)}
CREATE POLICY amdahl_slice ON public.interactions FOR SELECT TO ${READER_ROLE}, ${SEARCH_ROLE} USING (${slicePolicy()});

CREATE TABLE amdahl_internal.seed_marker (version integer NOT NULL, row_count bigint NOT NULL, seeded_at timestamptz NOT NULL DEFAULT now());
INSERT INTO amdahl_internal.seed_marker (version, row_count) SELECT ${SEED_VERSION}, count(*) FROM public.interactions;
`;
}
