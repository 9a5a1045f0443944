/** The bundle's path when it is there and newer than electron/ and package.json, else null. */
export function freshBuild(root: string, bundle: string): string | null;
