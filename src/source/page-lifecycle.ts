/**
 * What the page tells a live source: whether anyone can see it (Page Visibility) and
 * whether the browser believes it is online. Both are injectable for tests and for
 * hosts with their own notion of "in view".
 */

export interface PageVisibility {
  hidden(): boolean;
  /** Calls `listener` on every change; returns the function that stops it. */
  onChange(listener: () => void): () => void;
}

export interface NetworkStatus {
  online(): boolean;
  onChange(listener: () => void): () => void;
}

/** The document's Page Visibility API; always visible where there is no document. */
export function documentVisibility(): PageVisibility {
  if (typeof document === 'undefined') return { hidden: () => false, onChange: () => () => {} };
  return {
    hidden: () => document.visibilityState === 'hidden',
    onChange(listener) {
      document.addEventListener('visibilitychange', listener);
      return () => document.removeEventListener('visibilitychange', listener);
    },
  };
}

/** `navigator.onLine` and the window's `online` / `offline` events; always online elsewhere. */
export function browserNetwork(): NetworkStatus {
  if (typeof window === 'undefined' || typeof navigator === 'undefined') {
    return { online: () => true, onChange: () => () => {} };
  }
  return {
    online: () => navigator.onLine !== false,
    onChange(listener) {
      window.addEventListener('online', listener);
      window.addEventListener('offline', listener);
      return () => {
        window.removeEventListener('online', listener);
        window.removeEventListener('offline', listener);
      };
    },
  };
}
