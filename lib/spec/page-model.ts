/**
 * The canonical page model every layer after the edge works on.
 */
import type { Layout } from './document';

export interface SpecNode {
  type: string;
  props: Record<string, unknown>;
  children?: SpecNode[];
  id?: string;
}

export interface PageSpec {
  version: 1;
  layout: Layout;
  root: SpecNode;
}

export const PARAM_TYPES = ['string', 'number', 'integer', 'boolean', 'date', 'timestamp'] as const;
export type ParamType = (typeof PARAM_TYPES)[number];

/** A param is a type name, a list of allowed values, or a type with a default. */
export type ParamDeclaration =
  | ParamType
  | readonly (string | number)[]
  | { type?: ParamType; values?: readonly (string | number)[]; default?: string | number | boolean; description?: string };

export type QuerySource = 'sql' | 'cluster_search' | 'kb_search';

export interface DeclaredQuery {
  name: string;
  description?: string;
  source: QuerySource;
  sql?: string;
  query?: string;
  target?: string;
  params?: Record<string, ParamDeclaration>;
}

export interface Page {
  name: string;
  tags: string[];
  declared_queries: DeclaredQuery[];
  spec: PageSpec;
}
