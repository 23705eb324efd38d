// Example values for the OpenAPI document (`.meta({ examples })` on the schemas): the original
// contract's curl flow.
export const email = 'testuser@example.com';
export const password = 'strongpassword123';
export const newPassword = 'newpassword456';
export const code = '123456';
export const access =
  'eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6IjRGcTFiOGNNeGtKdjBuMm0ifQ.eyJ0b2tlbl90eXBlIjoiYWNjZXNzIn0.signature';
export const refresh =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ0b2tlbl90eXBlIjoicmVmcmVzaCJ9.signature';
export const mfaToken = 'kT3v0e9Qm2yX8bL1sRj5wHcN7aPzF4uD6gYiE0oM2qA';
export const totpSecret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
export const recoveryCodes = [
  'k7m2q-x4abt',
  'p3v6z-n2wfd',
  'h5r7c-j2s4e',
  'b6y3u-q7lmg',
  'z2t5w-d4kpn',
  'f7x3a-m6vrs',
  'c4n2e-y5hqt',
  'w3j6b-r2zuk',
  'a5p7d-t3gxm',
  'u6s2f-k4ncl',
];
export const profile = {
  id: 'c0a8012e-7d1f-4c55-9d7e-3b1f2a9e4d10',
  email,
  username: 'testuser',
  phone_number: '1234567890',
  date_joined: '2026-01-01T12:00:00.000Z',
};
