// The side of the room: who is here, who is typing, general feedback, the day's status,
// and the screen shown to someone the facilitator removed.
import { $, $$, make } from "./dom.js";
import { state } from "./state.js";
import { dropOutbox } from "./connection.js";
import { itemEl, competencyTitle, person } from "./labels.js";

export function renderFeedback() {
  const list = $("[data-feedback-list]");
  list.textContent = "";
  const byTheme = new Map();
  for (const f of state.feedback.values()) {
    if (!byTheme.has(f.theme)) byTheme.set(f.theme, []);
    byTheme.get(f.theme).push(f);
  }
  for (const [theme, items] of byTheme) {
    const ul = make("ul", "app-feedback");
    for (const f of items) {
      const about = f.competency_id ? competencyTitle(f.competency_id) : "whole curriculum";
      ul.append(make("li", "", `${f.text} (${f.author.name}, ${f.author.organisation}; about ${about})`));
    }
    list.append(make("h3", "nhsuk-heading-xs", `${theme} (${items.length})`), ul);
  }
}

export function renderPresence() {
  const ul = $("[data-present]");
  ul.textContent = "";
  for (const p of state.present) ul.append(make("li", "", `${person(p)}${p.staff ? " – facilitation" : ""}`));
  $("[data-present-count]").textContent = String(state.present.length);
}

const typingNow = new Map();
export function showTyping(msg) {
  typingNow.set(msg.who.id, { who: msg.who, until: Date.now() + 4000, item: msg.item_id });
  renderTyping();
}
export function renderTyping() {
  const now = Date.now();
  const names = [];
  for (const [id, t] of typingNow) {
    if (t.until < now) { typingNow.delete(id); continue; }
    const el = itemEl(t.item);
    const where = el ? ` on ${el.dataset.label} of ${competencyTitle(Number(el.dataset.competency))}` : "";
    names.push(`${t.who.name}${where}`);
  }
  $("[data-typing]").textContent = names.length ? `Typing: ${names.join("; ")}` : "";
}

export function renderDayStatus() {
  $("[data-day-status]").textContent = state.status[0].toUpperCase() + state.status.slice(1);
  const live = state.status === "live";
  $$("[data-propose-form] button[type=submit], [data-feedback-form] button[type=submit]")
    .forEach((b) => { b.disabled = !live; });
  $$(".app-propose").forEach((d) => { d.hidden = !live; });
  $("[data-feedback-form]").hidden = !live;
}

// The facilitator removed this participant: the server closes the socket after this.
export function sentAway(msg) {
  dropOutbox();
  const box = $("[data-removed]");
  $("[data-removed-title]", box).textContent = msg.title;
  $("[data-removed-text]", box).textContent = msg.message;
  $(".app-live__grid").hidden = true;
  box.hidden = false;
  box.focus();
}
