'use client';
/**
 * Completion in the SQL editors: the `interactions` table, its columns with
 * their types (asked of the platform once, through the run route, with a
 * zero-row `SELECT *`) and SQL keywords. Registered once per page load.
 */
import * as monaco from '../monaco';
import { runSql } from './run-query';

export const SQL_LANGUAGE = 'pgsql';

const KEYWORDS = [
  'SELECT', 'FROM', 'WHERE', 'GROUP BY', 'ORDER BY', 'HAVING', 'LIMIT', 'OFFSET', 'AS', 'AND', 'OR', 'NOT', 'IN', 'IS NULL', 'IS NOT NULL',
  'BETWEEN', 'LIKE', 'ILIKE', 'CASE', 'WHEN', 'THEN', 'ELSE', 'END', 'DISTINCT', 'WITH', 'JOIN', 'LEFT JOIN', 'CROSS JOIN', 'ON', 'UNION ALL',
  'ASC', 'DESC', 'NULLS LAST', 'COUNT', 'SUM', 'AVG', 'MIN', 'MAX', 'ROUND', 'COALESCE', 'NULLIF', 'DATE_TRUNC', 'EXTRACT', 'INTERVAL',
  'FILTER', 'OVER', 'PARTITION BY', 'percentile_cont', 'WITHIN GROUP', 'TRUE', 'FALSE',
];

let columns: Promise<{ name: string; type?: string }[]> | undefined;

/** The table's columns, asked once; an empty list when the platform cannot say (completion still offers keywords). */
export function interactionsColumns(): Promise<{ name: string; type?: string }[]> {
  columns ??= runSql('SELECT * FROM interactions LIMIT 0').then((answer) => {
    if (answer.ok) return answer.columns;
    columns = undefined;
    return [];
  });
  return columns;
}

let registered = false;

export function registerSqlCompletion(): void {
  if (registered) return;
  registered = true;
  monaco.languages.registerCompletionItemProvider(SQL_LANGUAGE, {
    async provideCompletionItems(model, position) {
      const word = model.getWordUntilPosition(position);
      const range = new monaco.Range(position.lineNumber, word.startColumn, position.lineNumber, word.endColumn);
      const Kind = monaco.languages.CompletionItemKind;
      const cols = await interactionsColumns();
      return {
        suggestions: [
          { label: 'interactions', kind: Kind.Struct, insertText: 'interactions', detail: 'table', range },
          ...cols.map((c) => ({ label: c.name, kind: Kind.Field, insertText: c.name, detail: c.type ? `interactions.${c.name}: ${c.type}` : 'interactions', sortText: `0${c.name}`, range })),
          ...KEYWORDS.map((k) => ({ label: k, kind: Kind.Keyword, insertText: k, sortText: `1${k}`, range })),
        ],
      };
    },
  });
}
