/**
 * Source of the script each sandbox evaluates before the user's code. It evaluates to a factory that
 * takes the host's console function, installs `console`, and returns the helpers the host calls:
 * `invoke(run, inputText, contextText)`, `convert(value)` and `describe(thrown)`. The helpers keep
 * the built-ins they need from before the user's code ran, so redefining `JSON`, `Reflect` or
 * prototypes only affects the user's own code. Values enter as JSON text and leave as JSON text.
 *
 * `convert` follows JSON.stringify (toJSON, boxed primitives, non-finite numbers as null, undefined,
 * functions and symbols dropped from objects and written as null in arrays) and returns the text, or
 * an object whose `reason` says why there is none: a BigInt or a circular reference (with a path
 * such as `$.items[2]`), a function or a symbol at top level, or nesting deeper than the stack.
 * A top-level undefined becomes null.
 */
export const SANDBOX_PRELUDE = String.raw`(function (hostLog) {
  "use strict";
  var parse = JSON.parse, stringify = JSON.stringify, isArray = Array.isArray, keys = Object.keys;
  var apply = Reflect.apply, join = Array.prototype.join, isFiniteNumber = Number.isFinite;
  var objectToString = Object.prototype.toString, regexpTest = RegExp.prototype.test;
  var numberValueOf = Number.prototype.valueOf, stringValueOf = String.prototype.valueOf;
  var booleanValueOf = Boolean.prototype.valueOf, bigintValueOf = BigInt.prototype.valueOf;
  var promiseResolve = Promise.resolve, PromiseCtor = Promise, StringCtor = String;
  var ErrorCtor = Error, InternalErrorCtor = InternalError, defineProperty = Object.defineProperty;
  var IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

  function Incompatible(reason) { this.reason = reason; }

  function unbox(value, valueOf) {
    try { return apply(valueOf, value, []); } catch (e) { return value; }
  }

  function convert(root) {
    var parts = [], n = 0, ancestors = [], trail = [];
    function where() {
      var path = "$";
      for (var i = 0; i < trail.length; i++) {
        var key = trail[i];
        if (typeof key === "number") path += "[" + key + "]";
        else if (apply(regexpTest, IDENTIFIER, [key])) path += "." + key;
        else path += "[" + stringify(key) + "]";
      }
      return path;
    }
    // Writes the JSON text of value; returns "" or, when JSON has no text for it, its type.
    function write(key, value) {
      if ((typeof value === "object" && value !== null) || typeof value === "bigint") {
        var toJSON = value.toJSON;
        if (typeof toJSON === "function") value = apply(toJSON, value, [key]);
      }
      if (typeof value === "object" && value !== null) {
        var tag = apply(objectToString, value, []);
        if (tag === "[object Number]") value = unbox(value, numberValueOf);
        else if (tag === "[object String]") value = unbox(value, stringValueOf);
        else if (tag === "[object Boolean]") value = unbox(value, booleanValueOf);
        else if (tag === "[object BigInt]") value = unbox(value, bigintValueOf);
      }
      switch (typeof value) {
        case "string": parts[n++] = stringify(value); return "";
        case "number": parts[n++] = isFiniteNumber(value) ? stringify(value) : "null"; return "";
        case "boolean": parts[n++] = value ? "true" : "false"; return "";
        case "bigint": throw new Incompatible("a BigInt at " + where());
        case "undefined": case "function": case "symbol": return typeof value;
      }
      if (value === null) { parts[n++] = "null"; return ""; }
      for (var i = 0; i < ancestors.length; i++) {
        if (ancestors[i] === value) throw new Incompatible("a circular reference at " + where());
      }
      ancestors[ancestors.length] = value;
      if (isArray(value)) {
        var length = value.length;
        parts[n++] = "[";
        for (var j = 0; j < length; j++) {
          if (j > 0) parts[n++] = ",";
          trail[trail.length] = j;
          if (write(StringCtor(j), value[j]) !== "") parts[n++] = "null";
          trail.length = trail.length - 1;
        }
        parts[n++] = "]";
      } else {
        var names = keys(value), first = true;
        parts[n++] = "{";
        for (var k = 0; k < names.length; k++) {
          var name = names[k], mark = n;
          parts[n++] = (first ? "" : ",") + stringify(name) + ":";
          trail[trail.length] = name;
          if (write(name, value[name]) === "") first = false;
          else n = mark;
          trail.length = trail.length - 1;
        }
        parts[n++] = "}";
      }
      ancestors.length = ancestors.length - 1;
      return "";
    }
    try {
      var skipped = write("", root);
      if (skipped === "undefined") return "null";
      if (skipped !== "") return new Incompatible("a " + skipped);
      parts.length = n;
      return apply(join, parts, [""]);
    } catch (e) {
      if (e instanceof Incompatible) return e;
      if (e instanceof InternalErrorCtor && e.message === "stack overflow") return new Incompatible("nested too deeply");
      throw e;
    }
  }

  function describe(thrown) {
    var name = "Error", message = "", stack = "";
    if ((typeof thrown === "object" && thrown !== null) || typeof thrown === "function") {
      try { var n = thrown.name; if (n !== undefined && n !== null && n !== "") name = StringCtor(n); } catch (e) {}
      try { var m = thrown.message; if (m !== undefined && m !== null) message = StringCtor(m); } catch (e) {}
      try { var s = thrown.stack; if (typeof s === "string") stack = s; } catch (e) {}
    } else {
      try { message = StringCtor(thrown); } catch (e) {}
    }
    return [name, message, stack];
  }

  function invoke(run, inputText, contextText) {
    var result = apply(run, undefined, [parse(inputText), parse(contextText)]);
    if (result !== null && (typeof result === "object" || typeof result === "function")) {
      if (typeof result.then === "function") return apply(promiseResolve, PromiseCtor, [result]);
    }
    return result;
  }

  function format(value) {
    if (typeof value === "string") return value;
    try {
      if (value instanceof ErrorCtor) return StringCtor(value.name) + ": " + StringCtor(value.message);
      var text = stringify(value);
      if (typeof text === "string") return text;
    } catch (e) {}
    try { return StringCtor(value); } catch (e) { return "[unprintable]"; }
  }

  function method(level) {
    return function () {
      var texts = [];
      for (var i = 0; i < arguments.length; i++) texts[i] = format(arguments[i]);
      hostLog(level, apply(join, texts, [" "]));
    };
  }

  var console = {}, levels = ["log", "info", "warn", "error", "debug", "trace"];
  for (var i = 0; i < levels.length; i++) console[levels[i]] = method(levels[i]);
  defineProperty(globalThis, "console", { value: console, writable: true, configurable: true, enumerable: false });
  return { invoke: invoke, convert: convert, describe: describe };
})`;
