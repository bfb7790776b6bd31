import { Component, type ErrorInfo, type ReactNode } from 'react';

/** Props of {@link ErrorBoundary}. */
export interface ErrorBoundaryProps {
  /** Name of the pane, shown in the fallback. */
  name: string;
  children: ReactNode;
}

interface State {
  error: Error | null;
}

/** Keeps an exception in one pane from blanking the page: shows a compact message with a "Retry" button. */
export class ErrorBoundary extends Component<ErrorBoundaryProps, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    // A warning, not an error: the page keeps working; the details are for developers.
    console.warn(`[${this.props.name}] pane crashed:`, error, info.componentStack);
  }

  override render() {
    if (this.state.error) {
      return (
        <div className="pane-error" role="alert">
          <strong>{this.props.name} hit a problem.</strong> {this.state.error.message}
          <div>
            <button type="button" className="btn" onClick={() => this.setState({ error: null })}>
              Retry
            </button>
          </div>
        </div>
      );
    }
    return this.props.children;
  }
}
