'use client';
/**
 * One node's renderer, looked up by type in the catalog's registry of lazily
 * loaded views. A client component of its own so that, when the tree is
 * rendered on the server, only the views a page uses reach the browser.
 */
import { createContext, useContext, type ReactNode } from 'react';
import { views } from '../../catalog/views';
import type { AnyView, PageLayout } from '../../catalog/view-types';
import { ErrorCard } from './error-card';

export interface CatalogViewProps {
  type: string;
  pointer: string;
  props: Record<string, unknown>;
  layout: PageLayout;
  children?: ReactNode;
}

/**
 * The registry views come from. Inside the app it is the lazily loaded one
 * (catalog/views: next/dynamic, which needs Next's renderer); a render outside
 * Next (the CLI's snapshot tests) provides its own.
 */
export const ViewRegistry = createContext<Readonly<Record<string, AnyView>> | null>(null);

export function CatalogView({ type, pointer, props, layout, children }: CatalogViewProps) {
  const View = (useContext(ViewRegistry) ?? views)[type];
  if (!View) return <ErrorCard title={`No renderer for ${type}`} message="This host's catalog lists the component but has no view for it." pointer={pointer} />;
  return (
    <View props={props} layout={layout}>
      {children}
    </View>
  );
}
