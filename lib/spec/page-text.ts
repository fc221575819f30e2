/** The editor's text for a stored page: the fields the pages API takes, as the author wrote them. */
export function pageTextOf(page: { name: string; tags?: string[]; declared_queries?: unknown[]; spec: unknown }): string {
  return `${JSON.stringify({ name: page.name, tags: page.tags ?? [], declared_queries: page.declared_queries ?? [], spec: page.spec }, null, 2)}\n`;
}
