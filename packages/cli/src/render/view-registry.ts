/**
 * The catalog's views for a render outside Next: `catalog/views` loads each
 * view with next/dynamic, which renders nothing without Next's renderer, so
 * here each view is a React.lazy of the same module, found by the catalog's
 * convention (`BarChart` -> `catalog/bar-chart/view`, export `BarChartView`).
 * `prerenderToNodeStream` waits for them like any Suspense boundary.
 */
import { lazy, type ComponentType } from 'react';
import type { AnyView } from '../../../../catalog/view-types';

export function viewFolder(type: string): string {
  return type.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}

export function lazyViewRegistry(types: readonly string[]): Record<string, AnyView> {
  return Object.fromEntries(
    types.map((type) => [
      type,
      lazy(async () => {
        const module = (await import(`../../../../catalog/${viewFolder(type)}/view.tsx`)) as Record<string, unknown>;
        const view = module[`${type}View`];
        if (typeof view !== 'function') throw new Error(`catalog/${viewFolder(type)}/view has no ${type}View`);
        return { default: view as ComponentType<unknown> };
      }) as unknown as AnyView,
    ]),
  );
}
