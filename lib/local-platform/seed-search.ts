/**
 * The search corpus of one business, appended to its seed (seed.ts): a short
 * note per interaction for a deterministic subset of rows (about 20,000 per
 * business), written from templates by topic, channel, direction and
 * sentiment with hashed variety, and the knowledge base (kb-articles.ts).
 *
 * Both live in the schema amdahl_search, which the reader role (user SQL)
 * cannot see at all. The search routes run as a role of their own, `searcher`,
 * which reads the corpus and interactions; interactions' row-level security
 * applies to it as to the reader, and every search statement joins a note to
 * its interaction, so a data slice holds for search as for user SQL. (A policy
 * on notes themselves would stop the planner from using the GIN index: the
 * text-match operator is not leakproof. Measured: 450-860 ms instead of tens.)
 */
import { KB_ARTICLES } from './kb-articles';

/** Notes per business, about: every row of a small business, a subset of a large one. */
export const NOTES_TARGET = 20_000;

const OPENERS: Record<string, string> = {
  email: 'Email',
  chat: 'Chat',
  phone: 'Call',
  sms: 'SMS',
  social: 'Social message',
  web: 'Web form',
};

const ISSUES: Record<string, string[]> = {
  billing: [
    'was charged twice for the monthly subscription',
    'asked for a refund of a duplicate charge',
    'said the card was declined at renewal',
    'found the invoice total did not match the quoted price',
    'wanted to switch from monthly to annual billing',
    'disputed a late payment fee on the last invoice',
  ],
  shipping: [
    'reported the parcel arrived damaged',
    'said the delivery is a week late and tracking has not updated',
    'said the package was left at the wrong address',
    'asked to change the delivery address before dispatch',
    'said the courier marked the order delivered but nothing arrived',
    'wanted express shipping for a birthday gift',
  ],
  returns: [
    'wants to return a jacket that does not fit',
    'could not print the return label',
    'is still waiting for the refund on a returned item',
    'asked how long the return window lasts',
    'received the wrong colour and wants an exchange',
    'had a return rejected as outside the return window',
  ],
  account: [
    'is locked out after too many password attempts',
    'never received the password reset email',
    'wants to change the email address on the account',
    'asked to close the account and delete personal data',
    'said the two-factor code is not accepted',
    'cannot sign in on the mobile app',
  ],
  product: [
    'asked whether the blender works with 110 volt outlets',
    'loves the new colour range of the speakers',
    'reported the headphone battery drains overnight',
    'wants to know when the size is back in stock',
    'asked for setup instructions for the coffee machine',
    'compared our features with a competitor before buying',
  ],
  other: [
    'asked about opening hours over the holidays',
    'wanted to join the loyalty programme',
    'praised the support team for fast answers',
    'asked about a job opening in the warehouse',
    'reported a typo on the website',
    'asked for the balance of a gift card',
  ],
};

const OUTCOMES: Record<string, string[]> = {
  positive: [
    'Happy with the quick fix.',
    'Thanked the agent and promised a good review.',
    'Resolved on the first contact; pleased with the help.',
    'Said the help was excellent.',
  ],
  neutral: [
    'Shared the steps; they will follow up.',
    'Ticket logged while we wait on the warehouse.',
    'Acknowledged the answer.',
    'Passed to the specialist team for review.',
  ],
  negative: [
    'Frustrated and threatened to cancel.',
    'Angry about waiting on hold.',
    'Complained this is the third contact about it.',
    'Unhappy and asked for a manager.',
  ],
};

/** Who the note is about; varied so that no word is in every note (a word in all of them makes a search rank the whole corpus). */
const SUBJECTS = ['the customer', 'the shopper', 'a buyer', 'the client'];

const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;
const pick = (options: string[], r: string) => `(ARRAY[${options.map(literal).join(', ')}])[1 + floor(${r} * ${options.length})::int]`;
const byKey = (column: string, table: Record<string, string[]>, r: string) =>
  `CASE ${column} ${Object.entries(table)
    .map(([key, options]) => `WHEN ${literal(key)} THEN ${pick(options, r)}`)
    .join(' ')} END`;

/**
 * The corpus SQL. `r(expr, k)` is the seed's uniform hash in [0, 1); `rows`
 * the business's expected row count; `reader` the role user SQL runs as.
 */
export function searchCorpusSql(r: (expr: string, k: number) => string, rows: number, searcher: string): string {
  const share = Math.min(1, NOTES_TARGET / rows).toFixed(6);
  const opener = `CASE channel ${Object.entries(OPENERS)
    .map(([c, o]) => `WHEN ${literal(c)} THEN ${literal(o)}`)
    .join(' ')} END`;
  const kbValues = KB_ARTICLES.map((a) => `(${literal(a.id)}, ${literal(a.title)}, ${literal(a.body)})`).join(',\n  ');
  return `
CREATE SCHEMA amdahl_search;
REVOKE ALL ON SCHEMA amdahl_search FROM PUBLIC;

CREATE TABLE amdahl_search.notes (
  interaction_id bigint PRIMARY KEY,
  speaker_type text NOT NULL,
  body text NOT NULL,
  tsv tsvector GENERATED ALWAYS AS (to_tsvector('english', body)) STORED
);

INSERT INTO amdahl_search.notes (interaction_id, speaker_type, body)
SELECT id,
       CASE direction WHEN 'inbound' THEN 'external' ELSE 'internal' END,
       ${opener} || ': '
         || CASE direction WHEN 'inbound' THEN '' ELSE 'agent follow-up, ' END
         || ${pick(SUBJECTS, r('id', 25))} || ' '
         || ${byKey('topic', ISSUES, r('id', 22))} || '. '
         || ${byKey('sentiment', OUTCOMES, r('id', 23))}
         || ' Order ' || (10000 + floor(${r('id', 24)} * 90000))::int || '.'
FROM public.interactions
WHERE ${r('id', 21)} < ${share};

CREATE INDEX notes_tsv ON amdahl_search.notes USING gin (tsv);

CREATE TABLE amdahl_search.kb_articles (
  id text PRIMARY KEY,
  title text NOT NULL,
  body text NOT NULL,
  tsv tsvector GENERATED ALWAYS AS (setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', body), 'B')) STORED
);
INSERT INTO amdahl_search.kb_articles (id, title, body) VALUES
  ${kbValues};
CREATE INDEX kb_articles_tsv ON amdahl_search.kb_articles USING gin (tsv);

DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${searcher}') THEN
    CREATE ROLE ${searcher} NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT;
  END IF;
END $$;
ALTER ROLE ${searcher} SET default_transaction_read_only = on;
GRANT USAGE ON SCHEMA public, amdahl_search TO ${searcher};
GRANT SELECT ON public.interactions, amdahl_search.notes, amdahl_search.kb_articles TO ${searcher};
`;
}
