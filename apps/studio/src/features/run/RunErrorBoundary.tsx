import { Component, type ErrorInfo, type ReactNode } from 'react';

/** Props of {@link RunErrorBoundary}. */
export interface RunErrorBoundaryProps {
  /** What is wrapped, for the message. */
  name: string;
  /** One-line rendering (toolbar). */
  compact?: boolean;
  children: ReactNode;
}

/**
 * Keeps a crash in the run UI from taking the page down: shows the error and a "Try again" button instead.
 * (Errors are reported with console.warn, not console.error.)
 */
export class RunErrorBoundary extends Component<RunErrorBoundaryProps, { error: Error | undefined }> {
  override state: { error: Error | undefined } = { error: undefined };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.warn(`[${this.props.name}]`, error, info.componentStack);
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div className={this.props.compact ? 'run-crash is-compact' : 'run-crash'} role="alert">
        <span>
          {this.props.name} hit an error: {error.message}
        </span>
        <button type="button" className="btn" onClick={() => this.setState({ error: undefined })}>
          Try again
        </button>
      </div>
    );
  }
}
