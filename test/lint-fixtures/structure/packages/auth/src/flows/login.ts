export const login = 'login';
