export const used = 1;
// Broken on purpose: exported, imported by nobody.
export const deadExport = 2;
