// The room's page, its configuration and two query helpers shared by every module.
export const root = document.querySelector("[data-live-room]");
export const config = root ? JSON.parse(root.dataset.config) : {};
export const dayId = config.review_day_id;
export const me = config.me || {};

export const $ = (sel, el = document) => el.querySelector(sel);
export const $$ = (sel, el = document) => Array.from(el.querySelectorAll(sel));

export function make(tag, className, text) {
  const el = document.createElement(tag);
  if (className) el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}

// A form from one of the page's <template>s, with "UID" in its ids (and the labels and
// descriptions pointing at them) made this copy's own: an item's, a proposal's.
export function fromTemplate(selector, uid) {
  const node = $(selector).content.firstElementChild.cloneNode(true);
  for (const el of $$("[id], [for], [aria-describedby]", node)) {
    for (const name of ["id", "for", "aria-describedby"]) {
      const value = el.getAttribute(name);
      if (value) el.setAttribute(name, value.replaceAll("UID", uid));
    }
  }
  return node;
}
