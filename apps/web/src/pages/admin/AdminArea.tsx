import { Page } from '../../components/Page';
import { Link, Redirect, useLocation } from '../../router/router';
import { useRole } from '../../session/role';
import { NotFoundPage } from '../NotFoundPage';
import { adminRoutes, matchAdminRoute } from './admin-routes';

/** Everything under /admin: for admins only, one navigation for every admin page (ADR 151). The
 * server refuses every admin call to anyone else anyway; this only spares them the pages. */
export function AdminArea() {
  const { path } = useLocation();
  const role = useRole();
  if (role !== 'admin') {
    return (
      <Page
        title="Admin"
        intro="This area is for administrators. If you were just given the role, sign out and sign in again."
      >
        <Link className="button" to="/account">
          Back to your account
        </Link>
      </Page>
    );
  }
  const first = adminRoutes[0];
  if (first && (path === '/admin' || path === '/admin/')) return <Redirect to={first.path} />;
  const matched = matchAdminRoute(path);
  return (
    <div className="admin-area">
      <nav className="admin-nav" aria-label="Admin">
        {adminRoutes
          .filter((route) => route.label)
          .map((route) => (
            <Link key={route.path} to={route.path}>
              {route.label}
            </Link>
          ))}
      </nav>
      {matched ? <matched.route.Component params={matched.params} /> : <NotFoundPage />}
    </div>
  );
}
