/** Keywords the page schema adds for editors, in a module of their own so the browser can read them without zod. */

/** Props schema keyword: `{prop: boundProp}` for props that name columns of another prop's rows (`columns[].key` for a path into an array). */
export const COLUMNS_OF_KEY = 'x-columns-of';

/** Prop (or array item) keyword: the value is a CSS colour, so editors may offer the theme's colour tokens. */
export const COLOR_KEY = 'x-color';

/** Prop (or `$value` prop) keyword: the value must be a number, or a column holding numbers (the online checks compare it with the column's real type). */
export const NUMERIC_KEY = 'x-numeric';
