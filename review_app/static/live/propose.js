// Propose forms are made when someone opens "Propose a change" (or "Propose a new …"), from
// the page's two <template>s, not sent with the page: one form an item made a stage's room
// 1.2 MB of HTML, and Chrome's autofill scanned every form on the page after it loaded
// (0.6 s; 7.9 s once a day's 1,000 proposals had their forms too). benchmarks/README.md.
import { $, $$, fromTemplate } from "./dom.js";
import { state } from "./state.js";
import { wirePropose } from "./forms.js";

// A form's starting values are its defaults, so unsentForm() sees only what was typed.
function start(field, value) {
  if (field) field.defaultValue = value;
}

function itemForm(details) {
  const item = details.closest("[data-item]");
  const { item: id, competency, itemKind, position } = item.dataset;
  const form = fromTemplate("#propose-item-template", id);
  Object.assign(form.dataset, { item: id, competency });
  const unused = [];
  if (!itemKind.endsWith("_activity")) unused.push("replace-title");
  if (itemKind === "statement") unused.push("delete", "move");
  for (const kind of unused) {
    $$(`[data-choice="${kind}"], [data-when="${kind}"]`, form).forEach((el) => el.remove());
  }
  const title = $("[data-item-title]", item);
  start(form.elements.new_text, $("[data-item-text]", item).textContent);
  start(form.elements.new_title, title ? title.textContent : "");
  start(form.elements.new_position, position);
  return form;
}

function addForm(details) {
  const { competency, itemKind, noun } = details.dataset;
  const fid = `${competency}-${itemKind}`;
  const form = fromTemplate("#propose-add-template", fid);
  Object.assign(form.dataset, { competency, itemKind });
  if (itemKind === "outcome") $$("[data-add-title]", form).forEach((el) => el.remove());
  $("[data-add-text-label]", form).textContent = noun;
  return form;
}

/** The propose form in this <details>, made (and wired) the first time it is wanted. */
export function proposeFormIn(details) {
  if (!details) return null;
  let form = $("[data-propose-form]", details);
  if (form) return form;
  form = details.hasAttribute("data-propose-add") ? addForm(details) : itemForm(details);
  details.append(form);
  wirePropose(form);
  $("button[type=submit]", form).disabled = state.status !== "live";
  return form;
}

export function proposeDetails(payload) {
  return payload.item_id
    ? $(`[data-propose-for="${payload.item_id}"]`)
    : $(`[data-propose-add][data-competency="${payload.competency_id}"][data-item-kind="${payload.item_kind}"]`);
}

// `toggle` does not bubble: one listener on the document, in the capture phase.
export function wireProposeOpeners() {
  document.addEventListener("toggle", (event) => {
    const details = event.target;
    if (details.open && details.matches && details.matches("details.app-propose")) proposeFormIn(details);
  }, true);
}
