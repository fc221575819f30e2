import { z } from 'zod';
import { VALUE_FORMATS } from '../../lib/format/format-value';
import { defineComponent, valueOr } from '../../lib/spec/define';

export const definition = defineComponent({
  type: 'Insight',
  group: 'data',
  description:
    'A highlighted finding: a headline, a sentence or two of explanation, an optional key number and a note on where it comes from.',
  props: z
    .object({
      title: z.string().min(1).describe('The finding in one line, such as "Phone has the lowest CSAT".'),
      body: z.string().optional().describe('A sentence or two explaining the finding (plain text).'),
      value: valueOr(
        z.union([z.number(), z.string(), z.null()]),
        'The key number: a literal or {"$value": {"query", "field"}}.',
      ).optional(),
      valueLabel: z.string().max(60).optional().describe('What the number is, shown under it, such as "avg CSAT".'),
      format: z.enum(VALUE_FORMATS).default('auto').describe('How the value is shown: number, percent (already in percent: 42 -> 42%), ratio (0.42 -> 42%), currency, compact...'),
      currency: z
        .string()
        .regex(/^[A-Z]{3}$/)
        .default('USD')
        .describe('ISO 4217 currency code used when `format` is currency.'),
      digits: z.number().int().min(0).max(6).optional().describe('Digits after the decimal point, for formats that have them.'),
      tone: z
        .enum(['neutral', 'positive', 'warning', 'negative', 'info'])
        .default('info')
        .describe('Colour of the highlight: info, positive, warning, negative or neutral.'),
      source: z.string().max(200).optional().describe('Where the finding comes from, such as "interactions, last 180 days".'),
    })
    .strict(),
  visualization: true,
  example: {
    type: 'Insight',
    props: {
      title: 'Phone has the lowest satisfaction',
      body: 'Phone interactions average the lowest CSAT of any channel.',
      value: { $value: { query: 'phone_csat', field: 'avg_csat' } },
      valueLabel: 'avg CSAT',
      format: 'decimal',
      tone: 'warning',
      source: 'interactions, last 180 days',
    },
  },
});
