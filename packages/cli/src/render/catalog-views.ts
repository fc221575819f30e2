/**
 * The package's stand-in for `catalog/views` (whose loaders are next/dynamic,
 * which needs Next's renderer and would bring Next into the bundle): the same
 * registry shape, each view a React.lazy found by the catalog's convention.
 * scripts/build.mjs resolves `catalog/views` here.
 */
import { catalog } from '../../../../catalog';
import { lazyViewRegistry } from './view-registry';

export const views = lazyViewRegistry(catalog.types);
