/**
 * Every link target in a Markdown text (links, images, definitions,
 * autolinks and href/src inside raw HTML), with its offset in the text, read
 * with a real Markdown parser rather than patterns over the source.
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

export function findMarkdownLinks(markdown: string): MarkdownLink[] {
  // A link with a scheme needs a colon, written or as a character reference (`&#58;`); anything else is relative.
  if (!markdown.includes(':') && !markdown.includes('&')) return [];
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
  if (cache.size >= 500) cache.delete(cache.keys().next().value!);
  cache.set(markdown, links);
  return links;
}
