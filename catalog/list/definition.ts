import { z } from 'zod';
import { VALUE_FORMATS } from '../../lib/format/format-value';
import { column, defineComponent, rowsBinding } from '../../lib/spec/define';

export const definition = defineComponent({
  type: 'List',
  group: 'content',
  description:
    'A bulleted or numbered list: literal `items`, or one entry per row of a query (`data` + `field`), optionally with a secondary value per entry (`detailField`).',
  props: z
    .object({
      items: z
        .array(z.union([z.string(), z.number()]))
        .max(1000)
        .optional()
        .describe('Literal entries. Ignored when `data` is set.'),
      data: rowsBinding('Rows listed one entry per row, as {"$query": "<name>"}.').optional(),
      field: column('The column of `data` whose value each entry shows. Defaults to the first column.').optional(),
      detailField: column('A column of `data` shown beside each entry, such as a count.').optional(),
      format: z.enum(VALUE_FORMATS).default('auto').describe('How the entry values are formatted. percent: already in percent (42 -> 42%); ratio: a fraction of one (0.42 -> 42%).'),
      detailFormat: z.enum(VALUE_FORMATS).default('auto').describe('How the `detailField` values are formatted. percent: already in percent (42 -> 42%); ratio: a fraction of one (0.42 -> 42%).'),
      currency: z
        .string()
        .regex(/^[A-Z]{3}$/)
        .default('USD')
        .describe('ISO 4217 currency code for the currency format.'),
      ordered: z.boolean().default(false).describe('Number the entries (1, 2, 3) instead of bullets.'),
      maxItems: z.number().int().min(1).max(1000).optional().describe('Show at most this many entries, with a "+N more" note.'),
      title: z.string().optional().describe('A heading above the list.'),
      emptyText: z.string().default('Nothing to list').describe('Shown when there are no entries.'),
    })
    .strict(),
  columnsOf: { field: 'data', detailField: 'data' },
  example: {
    type: 'List',
    props: { title: 'Top topics', data: { $query: 'top_topics' }, field: 'topic', detailField: 'interactions', detailFormat: 'number', ordered: true },
  },
});
