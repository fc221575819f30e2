/**
 * The palette's groups in the order the studio shows them. Apart from
 * palette.ts (which builds entries with the zod-derived JSON Schema) so that
 * the studio's client code can import them without pulling zod into the
 * editor route's bundle.
 */
import type { ComponentGroup } from './define';

export const PALETTE_GROUPS: readonly ComponentGroup[] = ['layout', 'content', 'data', 'advanced'];
