/* Pure text formatting for the exam, results and progress views (tested by node --test). */

export function plural(count, one, many) {
  return count + " " + (count === 1 ? one : many);
}

/* "3", "3 and 7", "3, 7 and 9" */
export function listing(numbers) {
  if (numbers.length < 2) return numbers.join("");
  return numbers.slice(0, -1).join(", ") + " and " + numbers[numbers.length - 1];
}

export function percent(part, whole) {
  return whole ? Math.round((100 * part) / whole) : 0;
}

/* 65000 -> "1:05", 7800000 -> "2:10:00"; rounds up, so 0:00 means time is up. */
export function clock(ms) {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  const mm = (hours && minutes < 10 ? "0" : "") + minutes;
  return (hours ? hours + ":" : "") + mm + ":" + (rest < 10 ? "0" : "") + rest;
}

export function minutesText(ms) {
  return plural(Math.round(ms / 60000), "minute", "minutes");
}

/* What a screen reader hears for the time left: whole minutes, or seconds in the last minute. */
export function spokenTimeLeft(ms) {
  if (ms < 60000) return plural(Math.max(0, Math.ceil(ms / 1000)), "second", "seconds") + " left";
  const minutes = Math.floor(ms / 60000);
  const hours = Math.floor(minutes / 60);
  const parts = [];
  if (hours) parts.push(plural(hours, "hour", "hours"));
  if (minutes % 60 || !hours) parts.push(plural(minutes % 60, "minute", "minutes"));
  return parts.join(" ") + " left";
}

export function thousands(number) {
  return String(number).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}
