/** The page and spec fields around the tree, and the layout's rule. */
import { escapePointerSegment, isObject, LAYOUTS, PAGE_KEYS, SPEC_KEYS, type DocumentView } from '../document';
import { suggestOr } from '../suggest';
import { push, quoteList, type Context } from './context';

export function checkDocument(ctx: Context, value: unknown, doc: DocumentView): void {
  if (!isObject(value)) {
    push(ctx, { code: 'bad-prop', message: 'A page must be a JSON object', pointer: '', hint: 'start with {"name": …, "declared_queries": [], "spec": {…}}' });
    return;
  }
  if (doc.kind === 'page') {
    for (const key of Object.keys(value)) {
      if (!PAGE_KEYS.has(key)) {
        push(ctx, { code: 'bad-prop', message: `Unknown page field "${key}"`, pointer: `/${escapePointerSegment(key)}`, key: true, ...suggestOr(key, PAGE_KEYS, `a page has ${[...PAGE_KEYS].filter((k) => !k.startsWith('$')).join(', ')}`) });
      }
    }
    if (value.name === undefined) {
      if (ctx.options.requireName !== false) push(ctx, { code: 'missing-prop', message: 'The page has no "name"', pointer: '', hint: 'add "name": "My page"' });
    } else if (typeof value.name !== 'string' || value.name.trim() === '') push(ctx, { code: 'bad-prop', message: 'The page name must be a non-empty string', pointer: '/name' });
    if (value.tags !== undefined && (!Array.isArray(value.tags) || value.tags.some((t) => typeof t !== 'string'))) {
      push(ctx, { code: 'bad-prop', message: 'tags must be an array of strings', pointer: '/tags' });
    }
    if (!isObject(doc.spec)) {
      push(ctx, { code: 'bad-prop', message: 'spec must be an object: {"version": 1, "root": {…}} or a node {"type": …}', pointer: '/spec' });
      return;
    }
  }
  if (doc.canonical && isObject(doc.spec)) {
    const spec = doc.spec;
    for (const key of Object.keys(spec)) {
      if (!SPEC_KEYS.has(key)) push(ctx, { code: 'bad-prop', message: `Unknown spec field "${key}"`, pointer: `${doc.specPointer}/${escapePointerSegment(key)}`, key: true, ...suggestOr(key, SPEC_KEYS, 'a spec has version, root and layout') });
    }
    if (spec.version === undefined) push(ctx, { code: 'missing-prop', message: 'The spec has no "version"', pointer: doc.specPointer, hint: 'add "version": 1' });
    else if (spec.version !== 1) push(ctx, { code: 'bad-prop', message: `Unsupported spec version ${JSON.stringify(spec.version)}`, pointer: `${doc.specPointer}/version`, hint: 'the only version is 1' });
    if (spec.root === undefined) push(ctx, { code: 'missing-prop', message: 'The spec has no "root" node', pointer: doc.specPointer, hint: 'add "root": {"type": "Section", "children": []}' });
    if (spec.layout !== undefined && !LAYOUTS.includes(spec.layout as never)) {
      push(ctx, { code: 'layout', message: `Unknown layout ${JSON.stringify(spec.layout)}`, pointer: `${doc.specPointer}/layout`, ...suggestOr(spec.layout, LAYOUTS, `one of ${quoteList(LAYOUTS)}`) });
    }
  }
}

export function checkLayout(ctx: Context, doc: DocumentView): void {
  if (doc.layout !== 'single' || !isObject(doc.root)) return;
  const type = doc.root.type;
  const def = typeof type === 'string' ? ctx.catalog.get(type) : undefined;
  if (def && !def.visualization) {
    push(ctx, { code: 'layout', message: `A "single" layout shows one visualisation full-bleed; its root is ${def.type}`, pointer: `${doc.rootPointer}/type`, hint: 'make the root a chart or table, or use layout "dashboard"' });
  }
}
