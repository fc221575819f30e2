/**
 * A page sent as its queries finish: a server component only (the view
 * route). Nodes that bind nothing themselves are sent at once, with the
 * shell; a node that binds queries waits, inside its own Suspense boundary,
 * for those queries alone, so one slow query holds back only the nodes that
 * show it. Each node then renders through NodeView, as PageView's do.
 */
import { Suspense, type ReactNode } from 'react';
import type { Page, SpecNode } from '../../lib/spec/page-model';
import { ownQueryNames } from '../../lib/render/plan';
import type { QueryOutcome } from '../../lib/render/run-queries';
import { NodeView, type RowsHref } from './page-view';

export interface StreamedPageViewProps {
  page: Page;
  /** One promise per bound query name (host().stream), none of them rejecting. */
  outcomes: Record<string, Promise<QueryOutcome>>;
  /** Where a node's full rows are fetched; its chart draws rows reduced on the server (PageView's rowsHref). */
  rowsHref?: RowsHref;
}

export function StreamedPageView({ page, outcomes, rowsHref }: StreamedPageViewProps) {
  const layout = page.spec.layout;
  return (
    <div className={`ap-page ap-layout-${layout}`} data-layout={layout}>
      <StreamNode node={page.spec.root} pointer="/root" pending={outcomes} layout={layout} rowsHref={rowsHref} />
    </div>
  );
}

interface StreamNodeProps {
  node: SpecNode;
  pointer: string;
  pending: Record<string, Promise<QueryOutcome>>;
  layout: Page['spec']['layout'];
  rowsHref?: RowsHref;
}

function StreamNode({ node, pointer, pending, layout, rowsHref }: StreamNodeProps) {
  const children = node.children?.map((child, i) => <StreamNode key={i} node={child} pointer={`${pointer}/children/${i}`} pending={pending} layout={layout} rowsHref={rowsHref} />);
  const names = ownQueryNames(node);
  if (names.length === 0) {
    return (
      <NodeView node={node} pointer={pointer} outcomes={{}} layout={layout} revision={0}>
        {children}
      </NodeView>
    );
  }
  return (
    <Suspense fallback={<NodeLoading type={node.type} pointer={pointer} />}>
      <AwaitedNode node={node} pointer={pointer} pending={pending} layout={layout} names={names} rowsHref={rowsHref}>
        {children}
      </AwaitedNode>
    </Suspense>
  );
}

async function AwaitedNode({ node, pointer, pending, layout, names, rowsHref, children }: StreamNodeProps & { names: string[]; children?: ReactNode }) {
  // A name with no promise stays absent: resolveProps names it on the node's error card.
  const settled = await Promise.all(names.filter((name) => pending[name]).map(async (name) => [name, await pending[name]!] as const));
  return (
    <NodeView node={node} pointer={pointer} outcomes={Object.fromEntries(settled)} layout={layout} revision={0} rowsHref={rowsHref}>
      {children}
    </NodeView>
  );
}

/** Where a node will appear once its queries answer. */
function NodeLoading({ type, pointer }: { type: string; pointer: string }) {
  return (
    <div className="ap-node-loading" role="status" aria-busy="true" data-type={type} data-pointer={pointer}>
      Loading…
    </div>
  );
}
