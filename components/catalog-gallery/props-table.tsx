/** A component's props as a table, from its props reference (derived from its zod definition, never a hand-written list). */
import type { PropReference } from '../../lib/spec/props-reference';
import { InlineCode } from './inline-code';
import styles from './gallery.module.css';

export function PropsTable({ type, rows }: { type: string; rows: readonly PropReference[] }) {
  return (
    <table className={styles.props}>
      <caption>Props of {type}</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Type</th>
          <th scope="col">Default</th>
          <th scope="col">Required</th>
          <th scope="col">Description</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.name} data-prop={row.name}>
            <th scope="row">
              <code>{row.name}</code>
            </th>
            <td>
              <code>{row.type}</code>
            </td>
            <td>{row.default === undefined ? <span className={styles.none}>none</span> : <code>{row.default}</code>}</td>
            <td>{row.required ? 'yes' : 'no'}</td>
            <td>
              <InlineCode text={row.description} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
