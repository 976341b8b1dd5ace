/** The project folder. */
export declare const ROOT: string;
/** The file URL of dist/<name>.mjs when it is newer than every source it was built from, else null. */
export declare function freshBundle(name: string): string | null;
