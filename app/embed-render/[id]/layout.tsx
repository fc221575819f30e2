/** A segment of its own, so a page's edit drops every cached embed of it at once (revalidatePath with 'layout'). */
import type { ReactNode } from 'react';

export default function EmbedPageLayout({ children }: { children: ReactNode }) {
  return children;
}
