/**
 * Renders a page on the server through the app's own renderer (PageView:
 * catalog views, bindings resolved per node, error cards) and reports what
 * went wrong: each node showing an error card, and each node whose view
 * throws. `prerenderToNodeStream` waits for every lazy view and Suspense
 * boundary to settle, so views loaded on demand render like the others.
 */
import { register } from 'node:module';
import type { QueryOutcome } from '../../../../lib/render/run-queries';
import type { Page, SpecNode } from '../../../../lib/spec/page-model';

export interface RenderProblem {
  /** Pointer in the canonical spec, `/root/children/1`. */
  pointer: string;
  kind: 'error-card' | 'render-failed';
  title: string;
  message: string;
}

export interface RenderReport {
  html: string;
  problems: RenderProblem[];
}

type Renderer = (page: Page, outcomes: Record<string, QueryOutcome>) => Promise<{ html: string; errors: Error[] }>;

let renderer: Promise<Renderer> | undefined;

async function loadRenderer(): Promise<Renderer> {
  // From the TypeScript sources, CSS module imports need a hook; the CLI bundle has them stubbed already.
  if (/\.tsx?$/.test(new URL(import.meta.url).pathname)) register(new URL('./css-stub-hook.mjs', import.meta.url));
  const [react, reactStatic, { PageView }, { ViewRegistry }, { catalog }, { lazyViewRegistry }] = await Promise.all([
    import('react'),
    import('react-dom/static'),
    import('../../../../components/page-renderer/page-view'),
    import('../../../../components/page-renderer/catalog-view'),
    import('../../../../catalog'),
    import('./view-registry'),
  ]);
  const registry = lazyViewRegistry(catalog.types);
  // CommonJS packages: named exports under Node, `default` in the CLI bundle.
  const { createElement } = 'createElement' in react ? react : (react as unknown as { default: typeof react }).default;
  const { prerenderToNodeStream } = 'prerenderToNodeStream' in reactStatic ? reactStatic : (reactStatic as unknown as { default: typeof reactStatic }).default;
  return async (page, outcomes) => {
    const errors: Error[] = [];
    const { prelude } = await prerenderToNodeStream(createElement(ViewRegistry.Provider, { value: registry }, createElement(PageView, { page, outcomes })), {
      onError: (error) => {
        errors.push(error instanceof Error ? error : new Error(String(error)));
      },
    });
    let html = '';
    for await (const chunk of prelude) html += typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
    return { html, errors };
  };
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#x27': "'", '#39': "'", nbsp: ' ' };

function textOf(html: string): string {
  return html
    .replace(/<!--.*?-->/g, '')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#x27|#39|amp|lt|gt|quot|nbsp);/g, (_, e: string) => ENTITIES[e] ?? '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Error cards in the markup: an element with class ap-error-card, its data-pointer, its title (strong) and message. */
export function findErrorCards(html: string): RenderProblem[] {
  const cards: RenderProblem[] = [];
  const open = /<div\b[^>]*\bclass="[^"]*\bap-error-card\b[^"]*"[^>]*>/g;
  for (let m = open.exec(html); m; m = open.exec(html)) {
    const pointer = /\bdata-pointer="([^"]*)"/.exec(m[0])?.[1] ?? '';
    const end = html.indexOf('</div>', m.index);
    const inner = html.slice(m.index + m[0].length, end < 0 ? undefined : end);
    const title = textOf(/<strong[^>]*>([\s\S]*?)<\/strong>/.exec(inner)?.[1] ?? '');
    const message = textOf(inner.replace(/<strong[^>]*>[\s\S]*?<\/strong>/, ''));
    cards.push({ pointer: textOf(pointer), kind: 'error-card', title, message });
  }
  return cards;
}

function nodeAt(root: SpecNode, pointer: string): SpecNode | undefined {
  let node: SpecNode | undefined = root;
  const parts = pointer.split('/').slice(2); // '', 'root', then 'children', i, ...
  for (let i = 0; i < parts.length && node; i += 2) node = node.children?.[Number(parts[i + 1])];
  return node;
}

export async function renderPage(page: Page, outcomes: Record<string, QueryOutcome>): Promise<RenderReport> {
  renderer ??= loadRenderer();
  const render = await renderer;
  const attempt = async (root: SpecNode) => {
    try {
      const out = await render({ ...page, spec: { ...page.spec, root } }, outcomes);
      return { ...out, failed: out.errors.length > 0 };
    } catch (error) {
      return { html: '', errors: [error instanceof Error ? error : new Error(String(error))], failed: true };
    }
  };
  const whole = await attempt(page.spec.root);
  const problems = findErrorCards(whole.html);
  if (!whole.failed) return { html: whole.html, problems };

  // Something threw. Find the nodes whose own view throws: their subtree fails while every child's renders.
  const culprits: RenderProblem[] = [];
  const isolate = async (pointer: string, firstError: Error): Promise<void> => {
    const node = nodeAt(page.spec.root, pointer)!;
    let childFailed = false;
    for (let i = 0; i < (node.children?.length ?? 0); i++) {
      const childPointer = `${pointer}/children/${i}`;
      const child = await attempt(node.children![i]!);
      if (child.failed) {
        childFailed = true;
        await isolate(childPointer, child.errors[0]!);
      }
    }
    if (!childFailed) culprits.push({ pointer, kind: 'render-failed', title: `${node.type} failed to render`, message: firstError.message });
  };
  await isolate('/root', whole.errors[0]!);
  // Render the rest with each culprit swapped for a node no catalog has (it shows a card, which is left out),
  // so the other nodes' error cards are still found.
  const swap = (node: SpecNode, pointer: string): SpecNode =>
    culprits.some((c) => c.pointer === pointer)
      ? { type: `(${node.type} failed to render)`, props: {} }
      : { ...node, ...(node.children ? { children: node.children.map((child, i) => swap(child, `${pointer}/children/${i}`)) } : {}) };
  const rest = await attempt(swap(page.spec.root, '/root'));
  const others = findErrorCards(rest.html).filter((p) => !culprits.some((c) => c.pointer === p.pointer));
  return { html: rest.html, problems: [...others, ...culprits] };
}
