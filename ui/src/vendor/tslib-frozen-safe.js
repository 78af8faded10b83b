// tslib's `__extends`, rewritten to work under a frozen Object.prototype (Tauri's
// `freezePrototype`; docs/decisions/0005). Vite resolves every `import … from "tslib"` here
// (vite.config.ts), which is how ECharts and zrender get it: `__extends` is the only helper they
// import.
//
// tslib makes the subclass prototype with `function __() { this.constructor = d; }`. When the
// base prototype inherits `constructor` from a frozen Object.prototype (zrender's base classes
// assign a plain object literal as their prototype), that assignment hits JavaScript's
// "override mistake": an inherited read-only property cannot be shadowed by assignment, and in
// strict mode it throws. Defining the property instead of assigning it is not affected. It is
// defined non-enumerable, as a native `class` does: zrender's `mockMethods` copies every
// enumerable name of a prototype onto a plain object with `for … in`, and copying `constructor`
// would hit the same mistake. Otherwise the prototype chain is the one tslib builds.

/**
 * @param {Function} d the subclass
 * @param {Function | null} b the base class
 */
export function __extends(d, b) {
  if (typeof b !== "function" && b !== null) {
    throw new TypeError("Class extends value " + String(b) + " is not a constructor or null");
  }
  Object.setPrototypeOf(d, b);
  d.prototype =
    b === null
      ? Object.create(null)
      : Object.create(b.prototype, { constructor: { value: d, writable: true, enumerable: false, configurable: true } });
}
