/* Building elements for the exam, results and progress views. */
import { addCodeBreaks } from "./code-breaks.js";

/* An element: el("p", {class: "x", text: "Hi"}, [children]); false/null attributes are left out. */
export function el(tag, attributes, children) {
  const node = document.createElement(tag);
  Object.entries(attributes || {}).forEach(([name, value]) => {
    if (value === null || value === undefined || value === false) return;
    if (name === "text") node.textContent = value;
    else if (name === "class") node.className = value;
    else node.setAttribute(name, value === true ? "" : value);
  });
  (children || []).forEach((child) => {
    if (child === null || child === undefined || child === false) return;
    node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
  });
  return node;
}

/* A button in Material's style: variant "primary" (md-button--primary), "danger" (a
 * destructive action: outlined) or "danger-filled" (confirming one). */
export function actionButton(attribute, action, text, variant) {
  const classes = "md-button dva-button" + (variant === "primary" ? " md-button--primary" : "") +
    (variant && variant.startsWith("danger") ? " dva-button--danger" : "") + (variant === "danger-filled" ? " dva-button--filled" : "");
  return el("button", { type: "button", class: classes, text: text, [attribute]: action });
}

export function formatDate(ms) {
  try {
    return new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" }).format(new Date(ms));
  } catch (error) {
    return new Date(ms).toLocaleString();
  }
}

export function timeElement(ms) {
  return el("time", { datetime: new Date(ms).toISOString(), text: formatDate(ms) });
}

/* Build-time HTML from the question index; its links are relative to the question's page. */
export function fragment(tag, className, html, pageUrl) {
  const node = el(tag, { class: className });
  node.innerHTML = html;
  node.querySelectorAll("a[href]").forEach((link) => link.setAttribute("href", new URL(link.getAttribute("href"), pageUrl).href));
  node.querySelectorAll("img[src]").forEach((image) => image.setAttribute("src", new URL(image.getAttribute("src"), pageUrl).href));
  node.querySelectorAll("[id]").forEach((element) => element.removeAttribute("id")); // the page has its own ids
  addCodeBreaks(node);
  return node;
}

/* Say something in a live region; the same words twice in a row would not be announced again. */
export function announce(region, text) {
  region.textContent = region.textContent === text ? text + "\u00a0" : text;
}

export function loadProblem(error) {
  return "The questions could not be loaded (" + error.message + "). Reload the page to try again.";
}
