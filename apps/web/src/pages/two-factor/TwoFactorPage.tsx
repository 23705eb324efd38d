import { Page } from '../../components/Page';
import { Link } from '../../router/router';
import { TwoFactorSection } from './TwoFactorSection';

export function TwoFactorPage() {
  return (
    <Page title="Account security">
      <TwoFactorSection />
      <p className="aside">
        <Link to="/profile">Back to your profile</Link>
      </p>
    </Page>
  );
}
