/**
 * The spacing scale shared by Spacer, Row, Grid, Section and Divider: a named
 * step or a pixel count. No zod: the views import this, and the browser
 * should not download a schema library to turn `md` into 16 px.
 */
export const SPACE_STEPS = ['none', 'xs', 'sm', 'md', 'lg', 'xl', '2xl'] as const;
export type SpaceStep = (typeof SPACE_STEPS)[number];
export type Space = SpaceStep | number;

const STEP_PX: Readonly<Record<SpaceStep, number>> = { none: 0, xs: 4, sm: 8, md: 16, lg: 24, xl: 32, '2xl': 48 };

export function spaceToPx(space: Space | undefined, fallback: SpaceStep = 'md'): number {
  if (typeof space === 'number' && Number.isFinite(space)) return Math.max(0, Math.min(400, space));
  if (typeof space === 'string' && space in STEP_PX) return STEP_PX[space as SpaceStep];
  return STEP_PX[fallback];
}
