import { z } from 'zod';
import { defineComponent } from '../../lib/spec/define';

export const definition = defineComponent({
  type: 'Markdown',
  group: 'content',
  description:
    'Formatted prose written in Markdown (GitHub flavour: tables, task lists, strikethrough, autolinks). Raw HTML is not rendered, and links other than http, https, mailto, relative paths and #anchors are shown as plain text.',
  props: z
    .object({
      body: z.string().describe('The Markdown source. Takes no binding: it is static text.'),
      openLinksInNewTab: z
        .boolean()
        .default(true)
        .describe('Open http(s) links in a new tab (so that an embedded page is not navigated away). #anchor and relative links stay in place.'),
    })
    .strict(),
  markdownProps: ['body'],
  example: {
    type: 'Markdown',
    props: { body: '## Method\nCounts include **inbound and outbound** interactions. See the [glossary](https://example.com/glossary).' },
  },
});
