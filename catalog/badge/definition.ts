import { z } from 'zod';
import { VALUE_FORMATS } from '../../lib/format/format-value';
import { defineComponent, valueOr } from '../../lib/spec/define';
import { BADGE_TONES } from './tones';

export { BADGE_TONES };

export const definition = defineComponent({
  type: 'Badge',
  group: 'content',
  description: 'A small coloured label for a status or a count, such as "On track" or "12 open".',
  props: z
    .object({
      text: valueOr(
        z.union([z.string(), z.number(), z.boolean()]),
        'The label: a literal, or {"$value": {"query", "field"}} to show one value from a query.',
      ),
      tone: valueOr(
        z.enum(BADGE_TONES),
        'Colour: neutral, positive, warning, negative or info. May be {"$value": {"query", "field"}} so that the query picks the colour (an unknown value shows neutral).',
      ).default('neutral'),
      variant: z.enum(['soft', 'solid', 'outline']).default('soft').describe('Fill style: a tinted background, a solid one, or an outline.'),
      format: z.enum(VALUE_FORMATS).default('auto').describe('How a numeric text is formatted (number, percent for 42 -> 42%, ratio for 0.42 -> 42%, compact...).'),
      prefix: z.string().max(40).optional().describe('Text shown before the value inside the badge, such as "CSAT".'),
    })
    .strict(),
  example: { type: 'Badge', props: { text: 'On track', tone: 'positive' } },
});
