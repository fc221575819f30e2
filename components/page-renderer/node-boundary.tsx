'use client';
/**
 * Each node renders inside its own boundary: a view that throws shows a named
 * error card and the rest of the page renders. A new `revision` (the preview
 * got new data) gives the node another try.
 */
import { Component, type ReactNode } from 'react';
import { ErrorCard } from './error-card';

interface Props {
  type: string;
  pointer: string;
  revision: number;
  children: ReactNode;
}

interface State {
  error: Error | null;
  revision: number;
}

export class NodeBoundary extends Component<Props, State> {
  state: State = { error: null, revision: this.props.revision };

  static getDerivedStateFromError(error: Error): Partial<State> {
    return { error };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.revision !== state.revision ? { error: null, revision: props.revision } : null;
  }

  render(): ReactNode {
    if (this.state.error) {
      return <ErrorCard title={`${this.props.type} failed to render`} message={this.state.error.message} pointer={this.props.pointer} />;
    }
    return this.props.children;
  }
}
