'use client';
/**
 * Renders a canonical page through the catalog: the studio's preview and the
 * view and embed routes all use this. Bindings resolve per node from the
 * query outcomes the server sent; a node whose query failed, whose props are
 * invalid or whose view throws shows a named error card in its place.
 */
import { catalog } from '../../catalog';
import { views } from '../../catalog/views';
import type { Page, SpecNode } from '../../lib/spec/page-model';
import { resolveProps } from '../../lib/render/resolve';
import type { QueryOutcome } from '../../lib/render/run-queries';
import { ErrorCard } from './error-card';
import { NodeBoundary } from './node-boundary';

export interface PageViewProps {
  page: Page;
  outcomes: Record<string, QueryOutcome>;
  /** Changes when new data arrives, so broken nodes get another try. */
  revision?: number;
}

export function PageView({ page, outcomes, revision = 0 }: PageViewProps) {
  const layout = page.spec.layout;
  return (
    <div className={`ap-page ap-layout-${layout}`} data-layout={layout}>
      <RenderNode node={page.spec.root} pointer="/root" outcomes={outcomes} layout={layout} revision={revision} />
    </div>
  );
}

interface RenderNodeProps {
  node: SpecNode;
  pointer: string;
  outcomes: Record<string, QueryOutcome>;
  layout: Page['spec']['layout'];
  revision: number;
}

function RenderNode({ node, pointer, outcomes, layout, revision }: RenderNodeProps) {
  const def = catalog.get(node.type);
  const View = views[node.type];
  if (!def || !View) return <ErrorCard title={`Unknown component ${node.type}`} message="This host's catalog has no such component." pointer={pointer} />;
  const resolution = resolveProps(def, node.props, outcomes);
  if (!resolution.ok) return <ErrorCard title={resolution.problem.title} message={resolution.problem.message} pointer={pointer} />;
  const children = node.children?.map((child, i) => (
    <RenderNode key={i} node={child} pointer={`${pointer}/children/${i}`} outcomes={outcomes} layout={layout} revision={revision} />
  ));
  return (
    <NodeBoundary type={node.type} pointer={pointer} revision={revision}>
      <div className="ap-node" data-type={node.type} data-pointer={pointer}>
        <View props={resolution.props} layout={layout}>
          {children}
        </View>
      </div>
    </NodeBoundary>
  );
}
