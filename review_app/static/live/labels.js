// Words for proposals and the items they change, as people say them in the room:
// "Priya Shah (FNF)'s reword of learning outcome 2 of Prioritise for Productivity".
import { $, $$, me } from "./dom.js";

const KIND = { replace: "Reword", add: "Add", delete: "Delete", move: "Move" };
const ITEM = { statement: "the competency statement", outcome: "a learning outcome",
  instructor_activity: "an instructor-directed activity",
  individual_activity: "an individual-directed activity" };
const NEW = { statement: "competency statement", outcome: "learning outcome",
  instructor_activity: "instructor-directed activity",
  individual_activity: "individual-directed activity" };
const STATUS = { open: "Open", accepted: "Accepted", accepted_amended: "Accepted with amendment",
  rejected: "Rejected", deferred: "Deferred", withdrawn: "Withdrawn", sending: "Sending" };

export function kindLabel(p) {
  if (p.kind === "replace" && p.field === "title") return `Retitle ${ITEM[p.item_kind]}`;
  return `${KIND[p.kind]} ${ITEM[p.item_kind]}`;
}
export const statusLabel = (s) => STATUS[s] || s;

// The page's items never change: found once, not searched for in a DOM that holds
// thousands of elements once a day has a thousand proposals.
let items = null;
export function itemEl(id) {
  if (!items) items = new Map($$(".app-live-item[data-item]").map((el) => [el.dataset.item, el]));
  return id ? items.get(String(id)) || null : null;
}
export const itemText = (id) => (itemEl(id) ? $("[data-item-text]", itemEl(id)).textContent : "");
export const itemKind = (id) => (itemEl(id) ? itemEl(id).dataset.itemKind : "outcome");
export const itemLabel = (id) => (itemEl(id) ? itemEl(id).dataset.label : "an item");

export function competencyTitle(id) {
  const h = $(`#comp-${id}-title`);
  return h ? h.textContent.trim() : "a competency";
}

export const person = (a) => (a ? `${a.name} (${a.organisation})` : "Someone");
export const isMine = (p) => Boolean(p && p.author && p.author.id === me.id);

// "reword of learning outcome 2 of Prioritise for Productivity"
export function describe(p) {
  const comp = competencyTitle(p.competency_id);
  if (p.kind === "add") return `new ${NEW[p.item_kind] || "item"} for ${comp}`;
  const what = { replace: p.field === "title" ? "retitle" : "reword", delete: "deletion",
    move: "move" }[p.kind];
  return `${what} of ${itemLabel(p.item_id)} of ${comp}`;
}

// "your reword of …" or "Priya Shah (FNF)'s reword of …"
export const whose = (p) => (isMine(p) ? `your ${describe(p)}` : `${person(p.author)}’s ${describe(p)}`);
