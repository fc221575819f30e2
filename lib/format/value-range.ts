/**
 * Value sanity where a range is declared: a number outside the range a
 * component was given (a gauge's dial, a stat's min/max) cannot be drawn or
 * read as if it fit, so the component says so on the node. Nothing here
 * guesses from the number alone: 0.79 under `percent` may be a ratio written
 * with the wrong format or a real 0.79%, so it is never flagged.
 */
import { formatValue, type ValueFormat } from './format-value';

/** The range a format implies when none is given: a percentage runs 0 to 100, a ratio 0 to 1. */
export function defaultRangeOf(format: ValueFormat): { min: number; max: number } {
  return format === 'percent' ? { min: 0, max: 100 } : { min: 0, max: 1 };
}

export interface RangeCheck {
  value: number;
  min?: number;
  max?: number;
  /** What the range belongs to, in a sentence: "the dial's", "the stat's". */
  owner: string;
  /** What the value is, when it is not the main value: "The target". */
  subject?: string;
  format?: ValueFormat;
}

/**
 * One number of a node that can only be right within a range, as a catalog
 * definition declares it (`valueRanges`): which prop holds it and the range
 * and format it is read against, worked out from the node's resolved props.
 */
export interface PropRange extends Omit<RangeCheck, 'value'> {
  prop: string;
  /** The resolved value: a number, or something that is not one (then nothing is checked). */
  value: unknown;
}

const plain = (n: number) => formatValue(n, 'number', { digits: 6 });

/**
 * One sentence when the value lies outside [min, max], else undefined. The
 * numbers are the raw ones the query returned, so the author can find them in
 * the result; a ratio far past 1 gets a hint about `percent`.
 */
export function outOfRange({ value, min, max, owner, subject, format }: RangeCheck): string | undefined {
  const who = subject ? `${subject} ${plain(value)}` : plain(value);
  if (max !== undefined && value > max) {
    const hint = format === 'ratio' && max <= 1 && value > 1 && value <= 100 ? ': is it already a percentage? Then use "format": "percent"' : '';
    return `${who} is above ${owner} max ${plain(max)}${hint}`;
  }
  if (min !== undefined && value < min) return `${who} is below ${owner} min ${plain(min)}`;
  return undefined;
}
