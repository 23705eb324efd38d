import { useEffect } from 'react';
import { messageOf } from '../../api/errors';
import { trpc } from '../../api/trpc';
import { FormAlert } from '../../components/Alerts';
import { Page } from '../../components/Page';
import { useLocation } from '../../router/router';
import { DeleteSection } from './DeleteSection';
import { EmailSection } from './EmailSection';
import { ExportSection } from './ExportSection';
import { PasswordSection } from './PasswordSection';
import { ProfileSection } from './ProfileSection';
import { LinkedAccountsSection } from '../external-sign-in/LinkedAccountsSection';
import { PasskeysSection } from '../passkeys/PasskeysSection';
import { TwoFactorSection } from '../two-factor/TwoFactorSection';
import { SessionsSection } from './SessionsSection';
import { ActivitySection } from './ActivitySection';

/** The signed-in area: one section per concern, in the order people look for them. */
export function AccountPage() {
  const { notice } = useLocation();
  const profile = trpc.account.profile.useQuery();
  useEffect(() => {
    // A link to one section (/account#password) lands on it.
    const hash = window.location.hash.slice(1);
    if (hash) document.getElementById(hash)?.scrollIntoView();
  }, []);

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
        <PasswordSection />
        <PasskeysSection />
        <TwoFactorSection />
        <SessionsSection />
        <ActivitySection />
        <ExportSection />
        {profile.data && <DeleteSection />}
      </div>
    </Page>
  );
}
