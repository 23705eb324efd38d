export { createMfaChallenge, mfaChallengeEmail } from './challenge';
export { isTwoFactorOn } from './credential';
export { loginSecondStep } from './login-second-step';
export { disableTwoFactor, regenerateRecoveryCodes, twoFactorStatus } from './manage';
export { confirmTotp, setupTotp } from './setup';
