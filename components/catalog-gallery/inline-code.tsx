/** Text whose `backticked` parts are code, as the catalog's descriptions are written. */
export function InlineCode({ text }: { text: string }) {
  const parts = text.split('`');
  return <>{parts.map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : part))}</>;
}
