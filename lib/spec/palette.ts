/**
 * The catalog as the studio's Components palette offers it: each component's
 * group, description, first example, whether it takes children, and which of
 * its props take bindings or name columns (so an inserted example can be
 * bound to the page's own queries). Plain data: the server hands it to the
 * studio. Generic over a catalog, as everything in lib/.
 */
import type { Catalog, ComponentGroup, ExampleNode } from './define';
import { componentPropsSchema } from './json-schema';

export interface PaletteEntry {
  type: string;
  group: ComponentGroup;
  description: string;
  example: ExampleNode;
  /** Takes child nodes (a layout component). */
  container: boolean;
  /** Only these child types, when the component restricts them. */
  childTypes?: readonly string[];
  /** Props the component cannot do without (the JSON Schema's `required`). */
  requiredProps: readonly string[];
  columnsOf: Readonly<Record<string, string>>;
  numericProps: readonly string[];
  requiresScope?: string;
}

export { PALETTE_GROUPS } from './palette-groups';

export function paletteOf(catalog: Catalog): PaletteEntry[] {
  return [...catalog.components.values()].map((def) => ({
    type: def.type,
    group: def.group,
    description: def.description,
    example: def.example,
    container: def.children !== undefined,
    ...(def.children?.types ? { childTypes: def.children.types } : {}),
    requiredProps: (componentPropsSchema(def).required as string[] | undefined) ?? [],
    columnsOf: def.columnsOf ?? {},
    numericProps: def.numericProps,
    ...(def.requiresScope ? { requiresScope: def.requiresScope } : {}),
  }));
}
