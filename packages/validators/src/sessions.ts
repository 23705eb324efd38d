import { z } from 'zod';

const sessionOutput = z.object({
  id: z.string(),
  created_at: z.string().describe('ISO 8601 timestamp.'),
  last_used_at: z.string().describe('ISO 8601 timestamp of the last login or refresh.'),
  user_agent: z.string().nullable(),
  ip: z.string().nullable(),
  current: z.boolean().describe('True for the session of the token making this request.'),
});

export const sessionsOutput = z.object({ sessions: z.array(sessionOutput) });
export type SessionsOutput = z.infer<typeof sessionsOutput>;

export const revokeSessionInput = z.object({
  id: z.uuid('Enter a valid session id.'),
});
export type RevokeSessionInput = z.infer<typeof revokeSessionInput>;
