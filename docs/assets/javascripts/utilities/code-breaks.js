/* Long inline code (ARNs, URLs, CamelCase names) in questions: a phone must be able to
 * wrap it, but never inside a word. The CSS forbids breaks inside code (quiz.css); this
 * adds <wbr> where a break is harmless: after . : / ? & = _ , and at a lower-to-upper
 * case change. Code blocks (<pre>) scroll instead and are left alone. */

export const LONG_CODE = 16; // shorter code always fits a line

/* Positions in `text` before which a line may break (pure; tested by node --test). */
export function breakPoints(text) {
  const points = [];
  for (let i = 1; i < text.length; i++) {
    const before = text[i - 1];
    const here = text[i];
    if (/\s/.test(here) || /\s/.test(before)) continue;
    if (/[.:/?&=_,]/.test(before) && !/[.:/?&=_,]/.test(here)) points.push(i);
    else if (/[a-z0-9]/.test(before) && /[A-Z]/.test(here)) points.push(i);
  }
  return points.filter((point) => point > 2 && point < text.length - 2);
}

export function addCodeBreaks(root) {
  root.querySelectorAll("code").forEach((code) => {
    if (code.closest("pre") || code.textContent.length <= LONG_CODE || code.querySelector("wbr")) return;
    const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
    const texts = [];
    while (walker.nextNode()) texts.push(walker.currentNode);
    texts.forEach((node) => {
      const points = breakPoints(node.data);
      if (!points.length) return;
      const parts = document.createDocumentFragment();
      let last = 0;
      points.forEach((point) => {
        parts.append(node.data.slice(last, point), document.createElement("wbr"));
        last = point;
      });
      parts.append(node.data.slice(last));
      node.replaceWith(parts);
    });
  });
}
