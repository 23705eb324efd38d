import { Page } from '../components/Page';
import { Link } from '../router/router';

export function NotFoundPage() {
  return (
    <Page title="Page not found" intro="There is nothing at this address.">
      <Link className="button" to="/">
        Go to the start
      </Link>
    </Page>
  );
}
