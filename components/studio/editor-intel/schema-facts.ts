/**
 * What the editor learns about the catalog from the page JSON Schema the
 * server page passes in (generated from the catalog): which props name
 * columns of which bound prop (`x-columns-of`, the definitions' columnsOf).
 */
import { COLUMNS_OF_KEY } from '../../../lib/spec/schema-keywords';
import type { ColumnsOf } from './json-location';

type Definitions = Record<string, Record<string, unknown> | undefined>;

export function columnsOfFromSchema(schema: object): ColumnsOf {
  const definitions = ((schema as { definitions?: Definitions }).definitions ?? {}) as Definitions;
  return (type) => {
    const value = definitions[`props_${type}`]?.[COLUMNS_OF_KEY];
    return value && typeof value === 'object' ? (value as Record<string, string>) : undefined;
  };
}
