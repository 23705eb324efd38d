// Broken on purpose: a file nothing imports.
export const orphan = 3;
