/** React Query keys, shared by server prefetch and browser hooks. */
export const ESTATE_KEY = ["estate"] as const;
