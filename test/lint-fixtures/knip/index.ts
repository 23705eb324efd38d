import { used } from './helpers';

export const answer = used;
