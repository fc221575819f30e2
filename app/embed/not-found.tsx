/** The neutral answer of an embed that cannot be shown: no page name, no data (lib/embed/unavailable). */
import { UNAVAILABLE_MESSAGE, UNAVAILABLE_TITLE } from '../../lib/embed/unavailable';

export default function EmbedUnavailable() {
  return (
    <main data-embed-unavailable style={{ padding: 24, textAlign: 'center', color: 'var(--ap-muted)' }}>
      <strong style={{ display: 'block', color: 'var(--ap-text)', marginBottom: 4 }}>{UNAVAILABLE_TITLE}</strong>
      {UNAVAILABLE_MESSAGE}
    </main>
  );
}
