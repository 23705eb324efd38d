import type { ProfileOutput } from '@otp-auth/validators';

/** The columns a profile is made of: never the password hash (it lives in its own table). */
export const profileSelect = {
  id: true,
  email: true,
  username: true,
  phoneNumber: true,
  dateJoined: true,
} as const;

export function toProfile(user: {
  id: string;
  email: string;
  username: string;
  phoneNumber: string;
  dateJoined: Date;
}): ProfileOutput {
  return {
    id: user.id,
    email: user.email,
    username: user.username,
    phone_number: user.phoneNumber,
    date_joined: user.dateJoined.toISOString(),
  };
}
