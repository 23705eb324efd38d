import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { AccountPage } from './pages/account/AccountPage';
import { AdminArea } from './pages/admin/AdminArea';
import { ForgotPasswordPage } from './pages/ForgotPasswordPage';
import { HomePage } from './pages/HomePage';
import { LoginPage } from './pages/LoginPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { RegisterPage } from './pages/RegisterPage';
import { ResetPasswordPage } from './pages/ResetPasswordPage';
import { VerifyPage } from './pages/VerifyPage';
import { SecondStepPage } from './pages/two-factor/SecondStepPage';
import { Link, Redirect, useLocation } from './router/router';
import { useRole } from './session/role';
import { useSession } from './session/session-context';

// Vite replaces import.meta.env.DEV with false in production builds, so the page and its
// chunk are left out of them entirely.
const DevInboxPage = import.meta.env.DEV ? lazy(() => import('./pages/DevInboxPage')) : null;

function Loading() {
  return (
    <p className="card loading" aria-busy="true">
      Loading…
    </p>
  );
}

/** Pages for signed-in users; others are sent to sign in and brought back afterwards. */
function SignedIn({ children }: { children: ReactNode }) {
  const { status } = useSession();
  const { path } = useLocation();
  if (status === 'unknown') return <Loading />;
  if (status === 'signed-out') return <Redirect to={`/login?next=${encodeURIComponent(path)}`} />;
  return children;
}

/** Pages for visitors; a signed-in user goes straight to the account. */
function SignedOut({ children }: { children: ReactNode }) {
  const { status } = useSession();
  if (status === 'unknown') return <Loading />;
  if (status === 'signed-in') return <Redirect to="/account" />;
  return children;
}

function CurrentPage() {
  const { path } = useLocation();
  switch (path) {
    case '/':
      return (
        <SignedOut>
          <HomePage />
        </SignedOut>
      );
    case '/register':
      return (
        <SignedOut>
          <RegisterPage />
        </SignedOut>
      );
    case '/verify':
      return <VerifyPage />;
    case '/login':
      return (
        <SignedOut>
          <LoginPage />
        </SignedOut>
      );
    case '/login/2fa':
      return (
        <SignedOut>
          <SecondStepPage />
        </SignedOut>
      );
    case '/forgot':
      return (
        <SignedOut>
          <ForgotPasswordPage />
        </SignedOut>
      );
    case '/reset':
      return (
        <SignedOut>
          <ResetPasswordPage />
        </SignedOut>
      );
    case '/account':
      return (
        <SignedIn>
          <AccountPage />
        </SignedIn>
      );
    // Addresses of the pages the account area replaced, kept for bookmarks and old mails.
    case '/profile':
      return <Redirect to="/account" />;
    case '/password':
      return <Redirect to="/account#password" />;
    case '/inbox':
      if (DevInboxPage) return <DevInboxPage />;
      return <NotFoundPage />;
    default:
      // The admin area routes its own pages.
      if (path === '/admin' || path.startsWith('/admin/')) {
        return (
          <SignedIn>
            <AdminArea />
          </SignedIn>
        );
      }
      return <NotFoundPage />;
  }
}

function Header() {
  const { status } = useSession();
  const role = useRole();
  return (
    <header className="site-header">
      <Link to="/" className="brand">
        <span aria-hidden="true" className="brand-mark">
          ●
        </span>{' '}
        otp-auth
      </Link>
      <nav aria-label="Main">
        {status === 'signed-in' ? (
          <>
            <Link to="/account">Account</Link>
            {role === 'admin' && <Link to="/admin">Admin</Link>}
          </>
        ) : (
          <>
            <Link to="/login">Sign in</Link>
            <Link to="/register">Create account</Link>
          </>
        )}
        {DevInboxPage && <Link to="/inbox">Dev inbox</Link>}
      </nav>
    </header>
  );
}

export function App() {
  const { status, store } = useSession();
  useEffect(() => {
    // A reload forgets the access token; the refresh cookie brings the session back.
    if (status === 'unknown') void store.refresh(null);
  }, [status, store]);

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <Header />
      <main id="main">
        <Suspense fallback={<Loading />}>
          <CurrentPage />
        </Suspense>
      </main>
    </>
  );
}
