import { z } from 'zod';
import { defineComponent, valueOr } from '../../lib/spec/define';
import { toNumber, VALUE_FORMATS, type ValueFormat } from '../../lib/format/format-value';
import { defaultRangeOf, type PropRange } from '../../lib/format/value-range';

export const GAUGE_TONES = ['negative', 'warning', 'positive', 'neutral', 'info'] as const;

const threshold = z
  .object({
    value: z.number().describe('Upper end of this band: the band runs from the previous threshold (or `min`) up to here.'),
    tone: z.enum(GAUGE_TONES).describe('Colour of the band: negative (red), warning (amber), positive (green), neutral (grey), info (accent).'),
    color: z.string().min(1).optional().describe('A CSS colour that replaces the tone\'s colour.'),
    label: z.string().optional().describe('A name for the band, read out with the value (e.g. "At risk").'),
  })
  .strict();

export const definition = defineComponent({
  type: 'GaugeChart',
  group: 'data',
  description:
    'One number against a range, drawn as a half dial with the value in the middle: a win rate, a resolution rate, quota attainment. Bands colour the dial; an optional target is marked on it.',
  props: z
    .object({
      value: valueOr(z.number(), 'The number to show: a literal or {"$value": {"query": "<name>", "field": "<column>"}}.'),
      min: valueOr(z.number(), 'Start of the dial (left end). A literal or a $value binding.').default(0),
      max: valueOr(z.number(), 'End of the dial (right end). Default: follows `format`, 100 for percent, 1 for ratio and every other format. A literal or a $value binding.').optional(),
      format: z
        .enum(VALUE_FORMATS)
        .default('percent')
        .describe('How the value, ends and target are shown. Default percent: a number already in percent, 42 shows as 42% on a dial from 0 to 100. For a fraction of one (0.42) use ratio: the dial then runs 0 to 1. A value outside the dial is clamped and a warning says so on the node.'),
      digits: z.number().int().min(0).max(6).optional().describe('Digits after the decimal point for the value.'),
      label: z.string().optional().describe('A caption under the value, e.g. "Win rate, last 90 days".'),
      thresholds: z
        .array(threshold)
        .max(12)
        .default([])
        .describe(
          'Colour bands, each up to its `value`: [{"value": 0.2, "tone": "negative"}, {"value": 0.35, "tone": "warning"}, {"value": 1, "tone": "positive"}] is red below 20%, amber to 35%, green above. Past the last threshold its tone continues. The value\'s arc takes the colour of its band.',
        ),
      target: valueOr(z.number(), 'A goal marked on the dial. A literal or a $value binding.').optional(),
      targetLabel: z.string().default('Target').describe('Name shown with the target marker.'),
      height: z.number().int().min(120).max(1600).default(220).describe('Height in pixels (a `single` page grows it to the viewport).'),
      title: z.string().optional().describe('Heading shown above the gauge.'),
      description: z.string().optional().describe('A line of context under the title.'),
    })
    .strict(),
  // The dial's range, as the view draws it: min and max, else the range the format implies.
  valueRanges: (props) => {
    const format = props.format as ValueFormat;
    const range = defaultRangeOf(format);
    const min = toNumber(props.min) ?? range.min;
    const max = toNumber(props.max) ?? range.max;
    if (!(max > min)) return [];
    const dial = { min, max, owner: "the dial's", format };
    const checks: PropRange[] = [{ prop: 'value', value: props.value, ...dial }];
    if (props.target !== undefined) checks.push({ prop: 'target', value: props.target, subject: `The ${String(props.targetLabel ?? 'Target').toLowerCase()}`, ...dial });
    return checks;
  },
  visualization: true,
  example: {
    type: 'GaugeChart',
    props: {
      title: 'Win rate (90 days)',
      value: { $value: { query: 'win_rate', field: 'win_rate' } },
      format: 'ratio',
      thresholds: [
        { value: 0.2, tone: 'negative' },
        { value: 0.35, tone: 'warning' },
        { value: 1, tone: 'positive' },
      ],
      target: 0.4,
    },
  },
});
