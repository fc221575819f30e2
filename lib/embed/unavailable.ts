/**
 * The one neutral answer of an embed that cannot be shown, whatever the
 * reason: it names no page and holds no data, so a refusal says nothing about
 * what exists. The reason goes to the server's log only.
 */
export const UNAVAILABLE_TITLE = 'This embed is not available';
export const UNAVAILABLE_MESSAGE = 'The link may have expired or been revoked. Ask whoever shared it for a new one.';

export function unavailableHtml(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${UNAVAILABLE_TITLE}</title>
<style>body{margin:0;font:14px/1.45 ui-sans-serif,system-ui,sans-serif;color:#5d6778;background:transparent}main{padding:24px;text-align:center}strong{display:block;color:#1c2330;margin-bottom:4px}@media (prefers-color-scheme: dark){body{color:#a9b2c3}strong{color:#e6e9ef}}</style></head>
<body><main data-embed-unavailable><strong>${UNAVAILABLE_TITLE}</strong>${UNAVAILABLE_MESSAGE}</main></body></html>`;
}
