/**
 * The spacing scale's schema, for definitions. The scale itself (steps and
 * pixels) is in space-scale.ts, which the views import without zod.
 */
import { z } from 'zod';
import { SPACE_STEPS } from './space-scale';

export { SPACE_STEPS, spaceToPx, type Space, type SpaceStep } from './space-scale';

/** A step of the scale (`none`, `xs` 4px, `sm` 8px, `md` 16px, `lg` 24px, `xl` 32px, `2xl` 48px) or pixels 0..400. */
export function spaceSchema(description: string) {
  return z.union([z.enum(SPACE_STEPS), z.number().int().min(0).max(400)]).describe(description);
}
