import { z } from 'zod';
import { VALUE_FORMATS } from '../../lib/format/format-value';
import { column, defineComponent, rowsBinding } from '../../lib/spec/define';
import { firstRowsDrawing } from './first-rows';

const tableColumn = z
  .object({
    key: column('The result column shown.'),
    label: z.string().optional().describe('Header text. Default: the column name.'),
    format: z
      .enum(VALUE_FORMATS)
      .optional()
      .describe('How cells are shown. Default: from the column\'s Postgres type (integers grouped, numerics to 2 decimals, timestamps as date and time, booleans as Yes/No). percent: already in percent (42 -> 42%); ratio: a fraction of one (0.42 -> 42%).'),
    align: z.enum(['left', 'right', 'center']).optional().describe('Cell alignment. Default: numbers right, everything else left.'),
    width: z.number().int().min(40).max(1200).optional().describe('Column width in pixels. Default: fitted to the header and the first rows.'),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as USD')
      .optional()
      .describe('ISO 4217 currency code for the `currency` format (default USD).'),
  })
  .strict();

export const definition = defineComponent({
  type: 'Table',
  group: 'data',
  description:
    'Rows of a query as a table with a sticky header, click-to-sort columns and a row count. Only the rows in view are in the page, so 100,000 rows scroll smoothly inside a fixed maximum height.',
  props: z
    .object({
      data: rowsBinding('Rows to show, as {"$query": "<name>"}.'),
      columns: z
        .array(tableColumn)
        .min(1)
        .optional()
        .describe('Which columns to show, in order, and how. Default: every column of the result in select order, formatted by its Postgres type, numbers right-aligned.'),
      title: z.string().optional().describe('Heading shown above the table.'),
      description: z.string().optional().describe('A line of context under the title.'),
      sortable: z.boolean().default(true).describe('Let readers sort by clicking a header (click again to reverse, shift-click to add a column).'),
      sortBy: column('Column the rows are sorted by at first. Default: the query\'s order.').optional(),
      sortDirection: z.enum(['asc', 'desc']).default('asc').describe('Direction of the initial `sortBy` sort.'),
      maxHeight: z
        .number()
        .int()
        .min(120)
        .max(4000)
        .default(420)
        .describe('Most height in pixels before the rows scroll under a sticky header (a `single` page uses the viewport).'),
      emptyText: z.string().default('No rows').describe('What to show when the query returns no rows.'),
      download: z.boolean().default(true).describe('Offer a "Download CSV" button for the rows in their current order (`false` hides it).'),
    })
    .strict(),
  columnsOf: { 'columns[].key': 'data', sortBy: 'data' },
  drawing: firstRowsDrawing(),
  visualization: true,
  example: {
    type: 'Table',
    props: {
      title: 'Channels',
      data: { $query: 'by_channel' },
      columns: [
        { key: 'channel', label: 'Channel' },
        { key: 'interactions', label: 'Interactions', format: 'integer' },
        { key: 'resolution_rate', label: 'Resolved', format: 'ratio' },
      ],
      sortBy: 'interactions',
      sortDirection: 'desc',
    },
  },
});
