/**
 * Catches a rendering error of a scene (or of the whole wall) and, with nobody at the screen,
 * remounts its children after `recoverAfterMs`. After `maxRecoveries` failures within
 * `windowMs`, `onGiveUp` runs instead (the wall reloads the page).
 */
import { Component, Fragment, type ReactNode } from 'react';

export interface SceneBoundaryProps {
  children: ReactNode;
  /** Shown while waiting to remount. */
  fallback: ReactNode;
  recoverAfterMs: number;
  maxRecoveries?: number;
  windowMs?: number;
  onGiveUp?: () => void;
  onError?: (error: unknown) => void;
}

interface State {
  failed: boolean;
  /** Key of the children: a new key remounts them from scratch. */
  generation: number;
}

export class SceneBoundary extends Component<SceneBoundaryProps, State> {
  state: State = { failed: false, generation: 0 };
  private timer: ReturnType<typeof setTimeout> | null = null;
  private failures: number[] = [];

  static getDerivedStateFromError(): Partial<State> {
    return { failed: true };
  }

  componentDidCatch(error: unknown): void {
    this.props.onError?.(error);
    const now = Date.now();
    const windowMs = this.props.windowMs ?? 5 * 60_000;
    this.failures = [...this.failures.filter((t) => now - t < windowMs), now].slice(-50);
    if (this.props.onGiveUp && this.failures.length > (this.props.maxRecoveries ?? Infinity)) {
      this.props.onGiveUp();
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.setState((s) => ({ failed: false, generation: s.generation + 1 }));
    }, this.props.recoverAfterMs);
  }

  componentWillUnmount(): void {
    if (this.timer) clearTimeout(this.timer);
  }

  render(): ReactNode {
    if (this.state.failed) return this.props.fallback;
    return <Fragment key={this.state.generation}>{this.props.children}</Fragment>;
  }
}
