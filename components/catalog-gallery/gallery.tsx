/**
 * The catalog gallery: every component with its description, its props (from
 * its zod definition) and its examples rendered over the local data, grouped
 * by the definition's `group`. A server component; each example streams in
 * on its own. Props tables and example sources load when opened, so the page
 * carries only the rendered examples.
 */
import { Suspense } from 'react';
import type { Catalog, ComponentDefinition, ComponentGroup } from '../../lib/spec/define';
import { propsReference } from '../../lib/spec/props-reference';
import { examplesOf } from '../../catalog/examples';
import { ExampleRender, exampleName, type RenderExample } from './example-preview';
import { ExampleSource } from './example-source';
import { InlineCode } from './inline-code';
import { PropsDisclosure } from './props-disclosure';
import styles from './gallery.module.css';

const GROUPS: readonly { group: ComponentGroup; title: string }[] = [
  { group: 'layout', title: 'Layout' },
  { group: 'content', title: 'Content' },
  { group: 'data', title: 'Data' },
  { group: 'advanced', title: 'Advanced' },
];

function byGroup(catalog: Catalog): { group: ComponentGroup; title: string; defs: ComponentDefinition[] }[] {
  const defs = [...catalog.components.values()];
  return GROUPS.map((g) => ({ ...g, defs: defs.filter((d) => d.group === g.group) })).filter((g) => g.defs.length > 0);
}

export function CatalogGallery({ catalog, render }: { catalog: Catalog; render: RenderExample }) {
  const groups = byGroup(catalog);
  return (
    <div className={styles.gallery}>
      <nav className={styles.toc} aria-label="Components">
        <h2 className={styles.tocTitle}>Components</h2>
        {groups.map((g) => (
          <div key={g.group}>
            <h3 className={styles.tocGroup} id={`toc-${g.group}`}>
              {g.title}
            </h3>
            <ul aria-labelledby={`toc-${g.group}`}>
              {g.defs.map((def) => (
                <li key={def.type}>
                  <a href={`#${def.type}`}>{def.type}</a>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </nav>
      <main className={styles.main}>
        <h1 className={styles.title}>Catalog</h1>
        <p className={styles.lead}>
          Every component a page can use: what it is for, its props and its examples, rendered over the local platform&apos;s demo data.
        </p>
        {groups.map((g) => (
          <div key={g.group} className={styles.group}>
            <h2 className={styles.groupTitle}>{g.title}</h2>
            {g.defs.map((def) => (
              <ComponentSection key={def.type} def={def} render={render} />
            ))}
          </div>
        ))}
      </main>
    </div>
  );
}

function ComponentSection({ def, render }: { def: ComponentDefinition; render: RenderExample }) {
  const examples = examplesOf(def.type);
  return (
    <section id={def.type} className={styles.component} aria-labelledby={`${def.type}-title`} data-component={def.type}>
      <h3 id={`${def.type}-title`} className={styles.componentTitle}>
        {def.type} <span className={styles.groupTag}>{def.group}</span>
      </h3>
      <p className={styles.description}>
        <InlineCode text={def.description} />
      </p>
      <PropsDisclosure type={def.type} count={propsReference(def).length} />
      {examples.map((example) => {
        const name = exampleName(example);
        return (
          <article key={example.id} className={styles.example} aria-label={`Example: ${name}`} data-example={example.id}>
            <h4 className={styles.exampleTitle}>{name}</h4>
            <div className={styles.exampleBody}>
              <Suspense fallback={<p className={styles.loading}>Running the example&apos;s queries…</p>}>
                <ExampleRender example={example} render={render} />
              </Suspense>
              <ExampleSource id={example.id} name={name} />
            </div>
          </article>
        );
      })}
    </section>
  );
}
