import { z } from 'zod';
import * as ex from './examples';

export const messageOutput = z.object({ message: z.string() });
export type MessageOutput = z.infer<typeof messageOutput>;

export const registerOutput = z.object({ message: z.string(), email: z.string() }).meta({
  examples: [
    {
      message: 'Registration received. Check your email for the 6-digit verification code.',
      email: ex.email,
    },
  ],
});
export type RegisterOutput = z.infer<typeof registerOutput>;

export const tokenPairOutput = z
  .object({
    access: z.string().describe('JWT access token (5 minutes).'),
    refresh: z.string().describe('JWT refresh token (1 day); rotated on every refresh.'),
  })
  .meta({ examples: [{ access: ex.access, refresh: ex.refresh }] });
export type TokenPairOutput = z.infer<typeof tokenPairOutput>;

export const profileOutput = z
  .object({
    id: z.string(),
    email: z.string(),
    username: z.string(),
    phone_number: z.string(),
    date_joined: z.string().describe('ISO 8601 timestamp.'),
  })
  .meta({ examples: [ex.profile] });
export type ProfileOutput = z.infer<typeof profileOutput>;

export const changePasswordOutput = z
  .object({
    message: z.string(),
    access: z.string(),
    refresh: z.string(),
  })
  .meta({
    examples: [
      {
        message: 'Password changed. Other sessions were signed out.',
        access: ex.access,
        refresh: ex.refresh,
      },
    ],
  });
export type ChangePasswordOutput = z.infer<typeof changePasswordOutput>;

export const pingOutput = z
  .object({ status: z.literal('ok') })
  .meta({ examples: [{ status: 'ok' }] });
export type PingOutput = z.infer<typeof pingOutput>;
