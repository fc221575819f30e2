/**
 * Renders a canonical page through the catalog: the studio's preview and the
 * view and embed routes all use this. Bindings resolve per node from the
 * query outcomes the server sent; a node whose query failed, whose props are
 * invalid or whose view throws shows a named error card in its place.
 *
 * No 'use client' here on purpose: imported by a server route (view, embed)
 * the tree walk and `resolveProps` run on the server, so zod and the catalog's
 * definitions stay out of the browser, which receives resolved props and
 * loads only the views the page uses (CatalogView). Imported by the studio
 * (a client component) the same code runs in the browser on live results.
 */
import type { ReactNode } from 'react';
import { catalog } from '../../catalog';
import type { Page, SpecNode } from '../../lib/spec/page-model';
import { resolveProps } from '../../lib/render/resolve';
import { reduceForDrawing } from '../../lib/render/reduce-for-drawing';
import type { QueryOutcome } from '../../lib/render/run-queries';
import { CatalogView } from './catalog-view';
import { ErrorCard } from './error-card';
import { NodeBoundary } from './node-boundary';

export interface PageViewProps {
  page: Page;
  outcomes: Record<string, QueryOutcome>;
  /** Changes when new data arrives, so broken nodes get another try. */
  revision?: number;
  /**
   * Where a node's full rows are fetched (a server render only): given, each
   * chart's rows are reduced for drawing here, on the server, and Show data
   * and Download CSV fetch them all from this address.
   */
  rowsHref?: RowsHref;
}

/** The address of one node's full rows, by its pointer. */
export type RowsHref = (pointer: string) => string;

export function PageView({ page, outcomes, revision = 0, rowsHref }: PageViewProps) {
  const layout = page.spec.layout;
  return (
    <div className={`ap-page ap-layout-${layout}`} data-layout={layout}>
      <RenderNode node={page.spec.root} pointer="/root" outcomes={outcomes} layout={layout} revision={revision} rowsHref={rowsHref} />
    </div>
  );
}

interface RenderNodeProps {
  node: SpecNode;
  pointer: string;
  outcomes: Record<string, QueryOutcome>;
  layout: Page['spec']['layout'];
  revision: number;
  rowsHref?: RowsHref;
}

function RenderNode({ node, pointer, outcomes, layout, revision, rowsHref }: RenderNodeProps) {
  const children = node.children?.map((child, i) => (
    <RenderNode key={i} node={child} pointer={`${pointer}/children/${i}`} outcomes={outcomes} layout={layout} revision={revision} rowsHref={rowsHref} />
  ));
  return (
    <NodeView node={node} pointer={pointer} outcomes={outcomes} layout={layout} revision={revision} rowsHref={rowsHref}>
      {children}
    </NodeView>
  );
}

/**
 * One node over the outcomes of the queries its own props bind, with its
 * children already rendered: the whole page here, one streamed part at a time
 * in StreamedPageView. Either way the node gets its error card and boundary.
 */
export function NodeView({ node, pointer, outcomes, layout, revision, rowsHref, children }: RenderNodeProps & { children?: ReactNode }) {
  const def = catalog.get(node.type);
  if (!def) return <ErrorCard title={`Unknown component ${node.type}`} message="This host's catalog has no such component." pointer={pointer} />;
  const resolution = resolveProps(def, node.props, outcomes);
  if (!resolution.ok) return <ErrorCard title={resolution.problem.title} message={resolution.problem.message} pointer={pointer} />;
  return (
    <NodeBoundary type={node.type} pointer={pointer} revision={revision}>
      <div className="ap-node" data-type={node.type} data-pointer={pointer}>
        <CatalogView type={node.type} pointer={pointer} props={rowsHref ? reduceForDrawing(def, resolution.props, rowsHref(pointer)) : resolution.props} layout={layout}>
          {children}
        </CatalogView>
      </div>
    </NodeBoundary>
  );
}
