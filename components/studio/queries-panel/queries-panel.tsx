'use client';
/**
 * The page's SQL queries, one small editor each, under the JSON editor.
 * Editing SQL here edits the JSON document (one string edit, see
 * ./declared-sql.ts); Run sends the statement, with the query's param
 * declarations, to /api/queries/run. Load only through next/dynamic with
 * `ssr: false` (it brings Monaco).
 */
import { useCallback, useMemo, useRef, useState } from 'react';
import { declaredSqlQueries, withQuerySql, type DeclaredSql } from './declared-sql';
import { RunResult } from './run-result';
import { runSql, type RunAnswer } from './run-query';
import { SqlEditor } from './sql-editor';

interface Props {
  text: string;
  onTextChange(text: string): void;
}

export default function QueriesPanel({ text, onTextChange }: Props) {
  const queries = useMemo(() => declaredSqlQueries(text), [text]);
  const latest = useRef(text);
  latest.current = text;
  const write = useCallback((index: number, sql: string) => onTextChange(withQuerySql(latest.current, index, sql)), [onTextChange]);
  if (queries.length === 0) return <div className="st-code" style={{ padding: 8 }}>This page declares no SQL queries.</div>;
  return (
    <div data-testid="queries-panel">
      {queries.map((query) => (
        <QueryCard key={query.index} query={query} onSql={write} />
      ))}
    </div>
  );
}

function QueryCard({ query, onSql }: { query: DeclaredSql; onSql(index: number, sql: string): void }) {
  const [answer, setAnswer] = useState<RunAnswer | undefined>();
  const [running, setRunning] = useState(false);
  const run = async () => {
    setRunning(true);
    try {
      setAnswer(await runSql(query.sql, query.params));
    } finally {
      setRunning(false);
    }
  };
  const stale = answer !== undefined && answer.sql !== query.sql;
  const position = answer && !answer.ok && !stale ? answer.error.position : undefined;
  const marker = useMemo(
    () => (position && answer && !answer.ok ? { line: position.line, column: position.column, message: answer.error.message } : undefined),
    [position, answer],
  );
  return (
    <section className="st-query" data-testid={`query-${query.name}`} aria-label={`Query ${query.name}`}>
      <div className="st-query-head">
        <strong>{query.name}</strong>
        <button className="st-button" onClick={() => void run()} disabled={running}>
          {running ? 'Running…' : 'Run'}
        </button>
      </div>
      <SqlEditor index={query.index} value={query.sql} onChange={(sql) => onSql(query.index, sql)} marker={marker} label={`SQL of ${query.name}`} />
      {answer ? <RunResult answer={answer} stale={stale} /> : null}
    </section>
  );
}
