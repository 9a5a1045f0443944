/**
 * Whether `file` (a path under root) is missing or older than anything under `sources` (folders
 * or files under root; one that is not there is left out).
 */
export function olderThanSources(root: string, file: string, sources: readonly string[]): boolean;
/** The bundle's path when it is there and newer than electron/ and package.json, else null. */
export function freshBuild(root: string, bundle: string): string | null;
