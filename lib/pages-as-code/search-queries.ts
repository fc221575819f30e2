/**
 * The search queries of a page file, with their pointers: the offline
 * analysis records the facts of SQL queries only, and `validate --online` and
 * `amdahl-pages test` need the same for `cluster_search` and `kb_search`.
 * Read from the document as the author wrote it, so pointers land in the file.
 */
import { isObject, readDocument } from '../spec/document';
import { inferQuerySource } from '../spec/normalise';
import type { SearchQueryFact } from '../spec/online-check';
import type { PageAnalysis } from '../spec/validate';

/** Every well-named search query of a parsed document, first declaration of each name; `refused` when the offline checks found an error in it. */
export function searchQueryFacts(value: unknown, analysis: PageAnalysis): SearchQueryFact[] {
  const doc = readDocument(value);
  if (!Array.isArray(doc.declaredQueries)) return [];
  const facts: SearchQueryFact[] = [];
  const names = new Set<string>();
  doc.declaredQueries.forEach((q, i) => {
    if (!isObject(q) || typeof q.name !== 'string' || names.has(q.name)) return;
    names.add(q.name);
    const source = typeof q.source === 'string' ? q.source : inferQuerySource(q);
    if ((source !== 'cluster_search' && source !== 'kb_search') || typeof q.query !== 'string') return;
    const pointer = `${doc.queriesPointer}/${i}`;
    const refused = analysis.diagnostics.some((d) => d.severity === 'error' && (d.pointer === pointer || d.pointer.startsWith(`${pointer}/`)));
    facts.push({
      name: q.name,
      source,
      query: q.query,
      ...(source === 'cluster_search' && typeof q.target === 'string' ? { target: q.target } : {}),
      pointer,
      // An inferred source has no `source` field to point at: the query itself is the place.
      sourcePointer: 'source' in q ? `${pointer}/source` : pointer,
      refused,
    });
  });
  return facts;
}

/** The facts of a page file's text, or none when it is not JSON (the offline checks say so). */
export function searchQueryFactsOfText(text: string, analysis: PageAnalysis): SearchQueryFact[] {
  if (!analysis.parsed) return [];
  try {
    return searchQueryFacts(JSON.parse(text), analysis);
  } catch {
    return [];
  }
}
