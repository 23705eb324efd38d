// The admin area's pages (ADR 151). A new page is a component and one entry here: `label` puts
// it in the area's navigation (in this order; the first is where /admin leads), and `:name`
// segments of its path reach it as `params`.
import type { ComponentType } from 'react';
import type { AdminPageProps } from './admin-page-props';
import { AdminsPage } from './AdminsPage';
import { AuditPage } from './AuditPage';
import { UserPage } from './UserPage';
import { UsersPage } from './UsersPage';
import { WebhookEndpointPage } from './WebhookEndpointPage';
import { WebhooksPage } from './WebhooksPage';

export interface AdminRoute {
  path: `/admin/${string}`;
  /** Shown in the area's navigation when set. */
  label?: string;
  Component: ComponentType<AdminPageProps>;
}

export const adminRoutes: AdminRoute[] = [
  { path: '/admin/users', label: 'Users', Component: UsersPage },
  { path: '/admin/users/:id', Component: UserPage },
  { path: '/admin/audit', label: 'Audit log', Component: AuditPage },
  { path: '/admin/admins', label: 'Administrators', Component: AdminsPage },
  { path: '/admin/webhooks', label: 'Webhooks', Component: WebhooksPage },
  { path: '/admin/webhooks/:id', Component: WebhookEndpointPage },
];

/** The route for a path, with its `:name` segments. */
export function matchAdminRoute(
  path: string,
  routes: readonly AdminRoute[] = adminRoutes,
): { route: AdminRoute; params: Record<string, string> } | null {
  const segments = path.replace(/\/+$/, '').split('/');
  for (const route of routes) {
    const pattern = route.path.split('/');
    if (pattern.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const matches = pattern.every((part, index) => {
      const segment = segments[index] ?? '';
      if (!part.startsWith(':')) return part === segment;
      if (!segment) return false;
      try {
        params[part.slice(1)] = decodeURIComponent(segment);
        return true;
      } catch {
        return false; // a malformed escape names nothing
      }
    });
    if (matches) return { route, params };
  }
  return null;
}
