import { updateProfileInput, type ProfileOutput } from '@otp-auth/validators';
import { useState } from 'react';
import { z } from 'zod';
import { trpc } from '../../api/trpc';
import { FormAlert, Notice } from '../../components/Alerts';
import { SubmitButton } from '../../components/SubmitButton';
import { TextField } from '../../components/TextField';
import { useForm } from '../../forms/use-form';
import { AccountSection } from './AccountSection';

/** An account made through a provider has no phone number yet: left empty, the field changes
 * nothing (the other fields still save). */
const withoutEmptyPhone = z.preprocess(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    'phone_number' in value &&
    value.phone_number === ''
      ? { ...value, phone_number: undefined }
      : value,
  updateProfileInput,
);

export function ProfileSection({ profile }: { profile: ProfileOutput }) {
  const utils = trpc.useUtils();
  const [saved, setSaved] = useState('');
  const update = trpc.account.updateProfile.useMutation({
    onSuccess: (updated) => {
      utils.account.profile.setData(undefined, updated);
      setSaved('Your profile was saved.');
    },
    onError: (error) => form.showServerError(error),
  });
  const noPhone = profile.phone_number === '';
  const form = useForm(noPhone ? withoutEmptyPhone : updateProfileInput, (data) => {
    setSaved('');
    update.mutate(data);
  });

  return (
    <AccountSection id="profile" title="Profile">
      <form ref={form.formRef} onSubmit={form.onSubmit} noValidate>
        <TextField
          name="username"
          label="Username"
          defaultValue={profile.username}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
          errors={form.fields.username}
        />
        <TextField
          name="phone_number"
          label="Phone number"
          type="tel"
          defaultValue={profile.phone_number}
          autoComplete="tel"
          required={!noPhone}
          hint={noPhone ? 'Not set yet: add one if you like.' : undefined}
          errors={form.fields.phone_number}
        />
        <FormAlert message={form.formError} />
        <SubmitButton pending={update.isPending} pendingLabel="Saving…">
          Save profile
        </SubmitButton>
      </form>
      {saved && <Notice>{saved}</Notice>}
    </AccountSection>
  );
}
