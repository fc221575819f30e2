import { z } from 'zod';
import { VALUE_FORMATS } from '../../lib/format/format-value';
import { defineComponent, valueOr } from '../../lib/spec/define';

export const definition = defineComponent({
  type: 'Text',
  group: 'content',
  description:
    'A paragraph of plain text. Put `{value}` in the text to show a number from a query inside the sentence: "We handled {value} interactions."',
  props: z
    .object({
      text: valueOr(
        z.string(),
        'The text. A literal string, or {"$value": {"query", "field"}} to show one value from a query. `{value}` in it is replaced by `value`.',
      ),
      value: valueOr(
        z.union([z.number(), z.string(), z.boolean(), z.null()]),
        'A value shown where the text says `{value}` (or after the text when it has no `{value}`): a literal or {"$value": {"query", "field"}}.',
      ).optional(),
      format: z.enum(VALUE_FORMATS).default('auto').describe('How `value` (or a bound `text`) is formatted: number, percent (already in percent: 42 -> 42%), ratio (0.42 -> 42%), currency, compact, duration, date...'),
      currency: z
        .string()
        .regex(/^[A-Z]{3}$/)
        .default('USD')
        .describe('ISO 4217 currency code used when `format` is currency.'),
      digits: z.number().int().min(0).max(6).optional().describe('Digits after the decimal point, for formats that have them.'),
      tone: z
        .enum(['neutral', 'positive', 'warning', 'negative', 'info'])
        .default('neutral')
        .describe('Text colour: neutral (the body colour), positive, warning, negative or info.'),
      size: z.enum(['sm', 'md', 'lg']).default('md').describe('Font size.'),
      muted: z.boolean().default(false).describe('Show the text in the muted secondary colour (overrides tone).'),
      align: z.enum(['left', 'center', 'right']).default('left').describe('Horizontal alignment.'),
    })
    .strict(),
  example: {
    type: 'Text',
    props: { text: 'We handled {value} interactions in the last 180 days.', value: { $value: { query: 'totals', field: 'interactions' } }, format: 'number' },
  },
});
