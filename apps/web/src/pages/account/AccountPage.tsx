import { messageOf } from '../../api/errors';
import { trpc } from '../../api/trpc';
import { FormAlert } from '../../components/Alerts';
import { Page } from '../../components/Page';
import { Link, useLocation } from '../../router/router';
import { DeleteSection } from './DeleteSection';
import { EmailSection } from './EmailSection';
import { ExportSection } from './ExportSection';
import { ProfileSection } from './ProfileSection';
import { LinkedAccountsSection } from '../external-sign-in/LinkedAccountsSection';
import { TwoFactorSection } from '../two-factor/TwoFactorSection';
import { SessionsSection } from './SessionsSection';

/** The account area: one section per concern, in the order people look for them. */
export function AccountPage() {
  const { notice } = useLocation();
  const profile = trpc.account.profile.useQuery();

  return (
    <Page title="Your account" notice={notice}>
      <div className="account">
        {profile.isPending && <p aria-busy="true">Loading your account…</p>}
        {profile.error && <FormAlert message={messageOf(profile.error)} />}
        {profile.data && (
          <>
            <ProfileSection profile={profile.data} />
            <EmailSection profile={profile.data} />
          </>
        )}
        {profile.data && <LinkedAccountsSection email={profile.data.email} />}
        <TwoFactorSection />
        <SessionsSection />
        <ExportSection />
        {profile.data && <DeleteSection />}
      </div>
      <p className="aside">
        <Link to="/profile">Back to your profile</Link>
      </p>
    </Page>
  );
}
