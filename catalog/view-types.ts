/**
 * The contract between the tree renderer and a catalog entry's view. A view
 * receives its props with defaults applied and bindings resolved (BoundRows
 * for `$query`, one Scalar for `$value`) and its rendered children.
 */
import type { ComponentType, ReactNode } from 'react';
import type { z } from 'zod';
import type { ComponentDefinition } from '../lib/spec/define';
import type { Resolved } from '../lib/spec/resolved';

export type PageLayout = 'dashboard' | 'single' | 'document';

export interface ViewProps<P = Record<string, unknown>> {
  props: P;
  children?: ReactNode;
  /** The page's layout, for views that size themselves differently in `single`. */
  layout: PageLayout;
}

/** The resolved props of a definition: `ViewPropsOf<typeof definition>`. */
export type ResolvedPropsOf<D extends ComponentDefinition> = Resolved<z.output<D['props']>>;

export type View<D extends ComponentDefinition = ComponentDefinition> = ComponentType<ViewProps<ResolvedPropsOf<D>>>;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyView = ComponentType<ViewProps<any>>;
