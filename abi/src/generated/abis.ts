export const contractNames = [] as const;
