// Broken on purpose: two-factor/ builds on a use case in flows/.
import { login } from '../flows/login';

export const secondStep = login;
