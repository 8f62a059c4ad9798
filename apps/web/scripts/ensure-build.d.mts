/** Builds the storefront unless dist/ is newer than every source it is built from. */
export declare function ensureBuild(): void;
export declare function buildIsCurrent(): boolean;
