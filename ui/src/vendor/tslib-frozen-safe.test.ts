// The tslib shim against the "override mistake" that a frozen Object.prototype causes, without
// freezing the test runner's own Object.prototype: the base prototype inherits a non-writable
// `constructor` from a frozen object, as zrender's do from the frozen Object.prototype in the app.
import { describe, expect, it } from "vitest";
// @ts-expect-error: tslib's own file, untyped by path; the app never imports it (vite.config.ts).
import { __extends as tslibExtends } from "../../node_modules/tslib/tslib.es6.js";
import { __extends } from "./tslib-frozen-safe.js";

type Ctor = { (this: unknown): void; prototype: object; answer?: number };

function frozenBase(): Ctor {
  const base = function (this: { made?: boolean }) {
    this.made = true;
  } as unknown as Ctor;
  base.prototype = Object.create(Object.freeze({ constructor: Object, greet: () => "hi" }));
  base.answer = 42;
  return base;
}

describe("tslib shim", () => {
  it("is what vite gives for `tslib`", async () => {
    const viaAlias = await import("tslib");
    expect(viaAlias.__extends).toBe(__extends);
  });

  it("extends where tslib's own __extends throws", () => {
    expect(() => tslibExtends(function () {}, frozenBase())).toThrow(TypeError);
    const base = frozenBase();
    const derived = function (this: unknown) {
      base.call(this);
    } as unknown as Ctor;
    __extends(derived, base);
    const made = new (derived as unknown as new () => { made: boolean; greet(): string })();
    expect(made.made).toBe(true);
    expect(made.greet()).toBe("hi");
    expect(made).toBeInstanceOf(derived);
    expect(made).toBeInstanceOf(base);
    expect(made.constructor).toBe(derived);
    // Statics are inherited, as tslib does.
    expect((derived as Ctor).answer).toBe(42);
  });

  it("builds the prototype chain tslib builds, with a constructor as a class has", () => {
    const [a, b] = [function () {}, function () {}];
    const [c, d] = [function () {}, function () {}];
    tslibExtends(a, b);
    __extends(c, d);
    expect(Object.getOwnPropertyDescriptor(a.prototype, "constructor")).toEqual({
      value: a, writable: true, enumerable: true, configurable: true,
    });
    // Not enumerable, as a class's own: `for … in` over a prototype does not copy it.
    expect(Object.getOwnPropertyDescriptor(c.prototype, "constructor")).toEqual({
      value: c, writable: true, enumerable: false, configurable: true,
    });
    class Native {}
    expect(Object.getOwnPropertyDescriptor(Native.prototype, "constructor")?.enumerable).toBe(false);
    expect(Object.getPrototypeOf(c.prototype)).toBe(d.prototype);
    expect(Object.getPrototypeOf(c)).toBe(d);
    const e = function () {};
    __extends(e, null);
    expect(Object.getPrototypeOf(e.prototype)).toBeNull();
    expect(() => __extends(function () {}, 3 as unknown as null)).toThrow("Class extends value 3 is not a constructor or null");
  });
});
