/* Small pure helpers: type checks and list helpers. No DOM and no storage, so
 * tests/js/*.test.mjs run them directly under `node --test`. */

export function has(object, key) {
  return Object.prototype.hasOwnProperty.call(object, key);
}

export function isObject(value) {
  return !!value && typeof value === "object" && !Array.isArray(value);
}

/* A whole number, 0 or more. */
export function isCount(value) {
  return typeof value === "number" && value === Math.floor(value) && value >= 0 && isFinite(value);
}

/* A time in ms since 1970 (or a duration in ms). */
export function isTime(value) {
  return typeof value === "number" && isFinite(value) && value >= 0;
}

/* Distinct whole numbers from 0 to size - 1. */
export function isIndexList(list, size) {
  return Array.isArray(list) && list.every((index, position) => isCount(index) && index < size && list.indexOf(index) === position);
}

export function range(count) {
  return Array.from({ length: count }, (_, index) => index);
}

/* A shuffled copy (Fisher-Yates); `random` is replaceable for tests. */
export function shuffle(list, random = Math.random) {
  const copy = list.slice();
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

export function byNumber(a, b) {
  return a - b;
}
