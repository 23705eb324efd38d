// Examples for the admin API's and the owner's activity operations in the OpenAPI document: the
// first example each schema carries (validators), so a schema and its example never drift apart.
import {
  activityOutput,
  adminUserActionOutput,
  adminUserDetailOutput,
  adminUsersOutput,
  adminsOutput,
  auditEventsOutput,
  endUserSessionsInput,
  endUserSessionsOutput,
  setRoleInput,
  setRoleOutput,
} from '@otp-auth/validators';
import type { z } from 'zod';
import type { OperationExamples } from './openapi-examples';

function exampleOf(schema: z.ZodType): object {
  const examples = schema.meta()?.examples as object[] | undefined;
  const first = examples?.[0];
  if (!first) throw new Error('a documented schema without an example');
  return first;
}

const withoutUserId = (example: object) =>
  Object.fromEntries(Object.entries(example).filter(([key]) => key !== 'user_id'));

const done = (message: string) => ({ response: { message } });

export const adminOperationExamples: Record<string, OperationExamples> = {
  'admin.admins': { response: exampleOf(adminsOutput) },
  // The account is named by the path; the body carries the rest.
  'admin.setRole': {
    request: withoutUserId(exampleOf(setRoleInput)),
    response: exampleOf(setRoleOutput),
  },
  'admin.users': { response: exampleOf(adminUsersOutput) },
  'admin.user': { response: exampleOf(adminUserDetailOutput) },
  'admin.disableUser': { response: exampleOf(adminUserActionOutput) },
  'admin.enableUser': {
    response: {
      ...exampleOf(adminUserActionOutput),
      message: 'testuser@example.com is enabled: it can sign in again.',
    },
  },
  'admin.endSessions': {
    request: {
      ...withoutUserId(exampleOf(endUserSessionsInput)),
      session_id: '0193f3a2-9d4b-7e21-8c3a-5b6c7d8e9f00',
    },
    response: exampleOf(endUserSessionsOutput),
    otherResponses: {
      one: {
        summary: 'With `session_id`',
        value: { message: 'Ended a session of testuser@example.com.', ended: 1 },
      },
    },
  },
  'admin.resendVerification': done('A new verification code was sent to testuser@example.com.'),
  'admin.sendPasswordReset': done('A password reset code was sent to testuser@example.com.'),
  'admin.deleteUser': done(
    'testuser@example.com was deleted. A confirmation was sent to that address.',
  ),
  'admin.auditEvents': { response: exampleOf(auditEventsOutput) },
  'account.activity': { response: exampleOf(activityOutput) },
};
