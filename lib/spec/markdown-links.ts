/**
 * The link targets in a Markdown text that need a safety check (links,
 * images, definitions, autolinks and href/src inside raw HTML), with their
 * offsets, read with a real Markdown parser rather than patterns over the
 * source. Text that can hold only http, https, mailto or relative links is
 * not parsed and answers none.
 */
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';

export interface MarkdownLink {
  url: string;
  offset: number;
  length: number;
}

interface MdNode {
  type: string;
  url?: string;
  value?: string;
  children?: MdNode[];
  position?: { start: { offset?: number }; end: { offset?: number } };
}

const HTML_LINK = /\b(?:href|src|action|formaction)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi;

// Building the GFM extensions is costly; they are stateless, so build them once.
const options = { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] };
const cache = new Map<string, MarkdownLink[]>();

/**
 * Whether the text could hold a link that is not http, https, mailto or
 * relative. Plain ASCII text whose every `scheme:` is one of those cannot;
 * anything with character references, escapes or non-ASCII letters is parsed.
 */
function mayHoldOtherSchemes(markdown: string): boolean {
  // eslint-disable-next-line no-control-regex
  if (/[^\x20-\x7e\n\r]|[&%\\]/.test(markdown)) return true;
  for (const match of markdown.matchAll(/[a-z][a-z0-9+.-]*:/gi)) {
    const scheme = match[0].slice(0, -1).toLowerCase();
    if (scheme !== 'http' && scheme !== 'https' && scheme !== 'mailto') return true;
  }
  return false;
}

export function findMarkdownLinks(markdown: string): MarkdownLink[] {
  // Callers ask for unsafe links: text that cannot hold one needs no parse.
  if (!mayHoldOtherSchemes(markdown)) return [];
  const hit = cache.get(markdown);
  if (hit) return hit;
  let tree: MdNode;
  try {
    tree = fromMarkdown(markdown, options) as MdNode;
  } catch {
    return [];
  }
  const links: MarkdownLink[] = [];
  const visit = (node: MdNode, depth = 0) => {
    if (depth > 200) return;
    const start = node.position?.start.offset ?? 0;
    const end = node.position?.end.offset ?? start;
    if ((node.type === 'link' || node.type === 'image' || node.type === 'definition') && typeof node.url === 'string') {
      links.push({ url: node.url, offset: start, length: Math.max(1, end - start) });
    } else if (node.type === 'html' && typeof node.value === 'string') {
      for (const m of node.value.matchAll(HTML_LINK)) {
        links.push({ url: m[1] ?? m[2] ?? m[3] ?? '', offset: start + (m.index ?? 0), length: m[0].length });
      }
    }
    node.children?.forEach((child) => visit(child, depth + 1));
  };
  visit(tree);
  if (cache.size >= 2000) cache.delete(cache.keys().next().value!);
  cache.set(markdown, links);
  return links;
}
