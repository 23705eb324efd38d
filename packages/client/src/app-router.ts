// The only link to the server: its router's type. The build replaces this file's declaration
// with a standalone copy of that type, so the published package needs no @otp-auth/* package.
export type { AppRouter } from '@otp-auth/api';
