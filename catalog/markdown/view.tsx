'use client';
import type { ComponentPropsWithoutRef } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { isSafeUrl } from '../../lib/spec/url-safety';
import type { ResolvedPropsOf, ViewProps } from '../view-types';
import type { definition } from './definition';
import styles from './view.module.css';

type Props = ResolvedPropsOf<typeof definition>;

const REL = 'noopener noreferrer';
const REMARK_PLUGINS = [remarkGfm];

/** Runs on every URL attribute (href, src, cite...): an unsafe one is dropped, not rewritten. */
function urlTransform(url: string): string | null {
  return isSafeUrl(url) ? url : null;
}

/** Absolute links leave the page (and, embedded, the iframe): those may open in a new tab. */
function isExternal(href: string): boolean {
  return /^\s*(https?:|mailto:|\/\/)/i.test(href);
}

type AnchorProps = ComponentPropsWithoutRef<'a'> & { node?: unknown };
type ImageProps = ComponentPropsWithoutRef<'img'> & { node?: unknown };
type TableProps = ComponentPropsWithoutRef<'table'> & { node?: unknown };
type InputProps = ComponentPropsWithoutRef<'input'> & { node?: unknown };

function makeComponents(openLinksInNewTab: boolean): Components {
  return {
    a({ node: _node, href, children, title, id, className }: AnchorProps) {
      if (typeof href !== 'string' || !isSafeUrl(href)) {
        // The link target was refused: keep the words, drop the link.
        return (
          <span className={styles.unsafeLink} title="Link removed: only http, https, mailto and relative links are allowed">
            {children}
          </span>
        );
      }
      const external = isExternal(href);
      return (
        <a
          href={href}
          title={title}
          id={id}
          className={className}
          rel={REL}
          target={external && openLinksInNewTab ? '_blank' : undefined}
        >
          {children}
        </a>
      );
    },
    img({ node: _node, src, alt, title, width, height }: ImageProps) {
      if (typeof src !== 'string' || !isSafeUrl(src)) {
        return alt ? <span className={styles.unsafeLink}>{alt}</span> : null;
      }
      return (
        <img
          src={src}
          alt={alt ?? ''}
          title={title}
          width={width}
          height={height}
          loading="lazy"
          decoding="async"
          referrerPolicy="no-referrer"
          className={styles.image}
        />
      );
    },
    // GFM task items (`- [x] done`) arrive as read-only checkboxes: they are named by their state.
    input({ node: _node, type, checked }: InputProps) {
      if (type !== 'checkbox') return null;
      return <input type="checkbox" checked={Boolean(checked)} disabled readOnly aria-label={checked ? 'Done' : 'Not done'} />;
    },
    table({ node: _node, children, className }: TableProps) {
      return (
        <div className={styles.tableWrap}>
          <table className={className}>{children}</table>
        </div>
      );
    },
  };
}

const COMPONENTS_NEW_TAB = makeComponents(true);
const COMPONENTS_SAME_TAB = makeComponents(false);

export function MarkdownView({ props, layout }: ViewProps<Props>) {
  const body = typeof props.body === 'string' ? props.body : '';
  const className = [styles.markdown, layout === 'document' ? styles.document : ''].filter(Boolean).join(' ');
  return (
    <div className={className} data-layout={layout}>
      <ReactMarkdown
        remarkPlugins={REMARK_PLUGINS}
        skipHtml
        urlTransform={urlTransform}
        components={props.openLinksInNewTab === false ? COMPONENTS_SAME_TAB : COMPONENTS_NEW_TAB}
      >
        {body}
      </ReactMarkdown>
    </div>
  );
}
