import { deleteAccountInput } from '@otp-auth/validators';
import { trpc } from '../../api/trpc';
import { FormAlert } from '../../components/Alerts';
import { CurrentPasswordField } from '../../components/TextField';
import { useForm } from '../../forms/use-form';
import { useSignOut } from '../../session/use-sign-out';
import { StepUpField } from '../two-factor/StepUpField';
import { AccountSection } from './AccountSection';

export function DeleteSection() {
  const { signOut } = useSignOut();
  const remove = trpc.account.deleteAccount.useMutation({
    // The session is gone with the account; signing out clears the browser's cookie too.
    onSuccess: () => signOut('Your account was deleted. We sent a confirmation to your address.'),
    onError: (error) => form.showServerError(error),
  });
  const form = useForm(deleteAccountInput, (data) => remove.mutate(data));

  return (
    <AccountSection id="delete" title="Delete your account" danger>
      <p className="intro">
        This deletes your profile, password, sessions and codes at once, and signs out every device.
        Your security log keeps only event types and times, nothing that names you. It cannot be
        undone; the address can register again.
      </p>
      <form ref={form.formRef} onSubmit={form.onSubmit} noValidate>
        <CurrentPasswordField id="delete-password" errors={form.fields.password} />
        <StepUpField idPrefix="delete" errors={form.fields} />
        <FormAlert message={form.formError} />
        <button
          type="submit"
          className="button danger"
          disabled={remove.isPending}
          aria-busy={remove.isPending}
        >
          {remove.isPending ? 'Deleting…' : 'Delete my account'}
        </button>
      </form>
    </AccountSection>
  );
}
