import { catalog } from '../../catalog';
import { pageJsonSchema, PAGE_SCHEMA_ID } from '../../lib/spec/json-schema';
import { paletteOf, type PaletteEntry } from '../../lib/spec/palette';

let cached: object | undefined;

/** The page JSON Schema generated from the catalog, for the editor's completion and hover. */
export function pageSchema(): { schema: object; id: string } {
  cached ??= pageJsonSchema(catalog);
  return { schema: cached, id: PAGE_SCHEMA_ID };
}

let palette: PaletteEntry[] | undefined;

/** The catalog as the studio's Components palette offers it. */
export function studioPalette(): PaletteEntry[] {
  palette ??= paletteOf(catalog);
  return palette;
}
