import {
  useEffect,
  useSyncExternalStore,
  type AnchorHTMLAttributes,
  type MouseEvent,
  type ReactNode,
} from 'react';

/** A small history router: the app has a handful of flat routes, which do not need a library. */
export interface Location {
  path: string;
  query: URLSearchParams;
  /** One-off state carried by navigate(), e.g. a notice to show on the next page. */
  notice: string | null;
}

const listeners = new Set<() => void>();
let current = read();

function read(): Location {
  const state = window.history.state as { notice?: unknown } | null;
  return {
    path: window.location.pathname,
    query: new URLSearchParams(window.location.search),
    notice: typeof state?.notice === 'string' ? state.notice : null,
  };
}

function update() {
  current = read();
  for (const listener of listeners) listener();
}

window.addEventListener('popstate', update);

export function navigate(to: string, options: { notice?: string; replace?: boolean } = {}) {
  const state = options.notice ? { notice: options.notice } : null;
  if (options.replace) window.history.replaceState(state, '', to);
  else window.history.pushState(state, '', to);
  update();
  window.scrollTo(0, 0);
}

export function useLocation(): Location {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => current,
  );
}

/** A plain link that navigates without a page load (a modified click still opens a new tab). */
export function Link({
  to,
  children,
  ...rest
}: { to: string; children: ReactNode } & AnchorHTMLAttributes<HTMLAnchorElement>) {
  const { path } = useLocation();
  function onClick(event: MouseEvent<HTMLAnchorElement>) {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    navigate(to);
  }
  return (
    <a
      href={to}
      onClick={onClick}
      aria-current={path === to.split('?')[0] ? 'page' : undefined}
      {...rest}
    >
      {children}
    </a>
  );
}

/** Replaces the current entry with another route once rendered. */
export function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}
