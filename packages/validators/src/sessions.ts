import { z } from 'zod';

export const sessionOutput = z.object({
  id: z.string(),
  created_at: z.string().describe('ISO 8601 timestamp.'),
  last_used_at: z.string().describe('ISO 8601 timestamp of the last login or refresh.'),
  user_agent: z.string().nullable(),
  ip: z.string().nullable(),
  current: z.boolean().describe('True for the session of the token making this request.'),
});

export const sessionsOutput = z.object({ sessions: z.array(sessionOutput) }).meta({
  examples: [
    {
      sessions: [
        {
          id: '0193f3a2-7c1e-7b9a-8d2f-1a2b3c4d5e6f',
          created_at: '2026-01-01T12:02:00.000Z',
          last_used_at: '2026-01-02T07:59:00.000Z',
          user_agent: 'curl/8.5.0',
          ip: '203.0.113.7',
          current: true,
        },
      ],
    },
  ],
});
export type SessionsOutput = z.infer<typeof sessionsOutput>;

export const revokeSessionInput = z
  .object({
    id: z.uuid('Enter a valid session id.'),
  })
  .meta({ examples: [{ id: '0193f3a2-7c1e-7b9a-8d2f-1a2b3c4d5e6f' }] });
export type RevokeSessionInput = z.infer<typeof revokeSessionInput>;
