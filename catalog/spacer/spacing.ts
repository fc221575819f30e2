/**
 * The spacing scale shared by Spacer, Row, Grid, Section and Divider: a named
 * step or a pixel count. No React: definitions import the schema.
 */
import { z } from 'zod';

export const SPACE_STEPS = ['none', 'xs', 'sm', 'md', 'lg', 'xl', '2xl'] as const;
export type SpaceStep = (typeof SPACE_STEPS)[number];

const STEP_PX: Readonly<Record<SpaceStep, number>> = { none: 0, xs: 4, sm: 8, md: 16, lg: 24, xl: 32, '2xl': 48 };

/** A step of the scale (`none`, `xs` 4px, `sm` 8px, `md` 16px, `lg` 24px, `xl` 32px, `2xl` 48px) or pixels 0..400. */
export function spaceSchema(description: string) {
  return z.union([z.enum(SPACE_STEPS), z.number().int().min(0).max(400)]).describe(description);
}

export type Space = SpaceStep | number;

export function spaceToPx(space: Space | undefined, fallback: SpaceStep = 'md'): number {
  if (typeof space === 'number' && Number.isFinite(space)) return Math.max(0, Math.min(400, space));
  if (typeof space === 'string' && space in STEP_PX) return STEP_PX[space as SpaceStep];
  return STEP_PX[fallback];
}
