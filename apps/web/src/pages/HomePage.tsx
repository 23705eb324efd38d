import { Page } from '../components/Page';
import { Link, useLocation } from '../router/router';

/** The signed-out state: where a visitor lands, and where signing out leads. */
export function HomePage() {
  const { notice } = useLocation();
  return (
    <Page
      title={notice ? 'Signed out' : 'Welcome'}
      notice={notice}
      intro="Sign in to manage your account, or create an account with your email address."
    >
      <div className="actions">
        <Link className="button primary" to="/login">
          Sign in
        </Link>
        <Link className="button" to="/register">
          Create account
        </Link>
      </div>
    </Page>
  );
}
