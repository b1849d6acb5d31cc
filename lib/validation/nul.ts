// PostgreSQL text cannot hold U+0000: a NUL that reaches a query fails it, so every text bound for
// the database refuses it (input a person typed: they are told) or drops it (search, upstream text).

export const hasNoNul = (value: string): boolean => !value.includes("\u0000");

export const stripNul = (value: string): string => value.replaceAll("\u0000", "");
