/** Types of manifest-transform.js (CommonJS, also loaded by webpack.config.js), for the TypeScript tests. */
export declare const DEV_BASE_URL: string;
export declare function checkBaseUrl(url: string | undefined): string | undefined;
export declare function transformManifest(content: string, baseUrl: string): string;
