/** tslib's `__extends`, safe under a frozen Object.prototype (see tslib-frozen-safe.js). */
export declare function __extends(d: Function, b: Function | null): void;
