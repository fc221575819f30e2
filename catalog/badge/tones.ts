/** The badge's tones: the definition's enum and the view's fallback, without zod in the view's imports. */
export const BADGE_TONES = ['neutral', 'positive', 'warning', 'negative', 'info'] as const;
