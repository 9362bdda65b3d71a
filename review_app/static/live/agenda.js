// The agenda and awareness: where the facilitator is, what is open / new / decided on each
// item, the facilitator's "to decide" queue, and notices of things arriving elsewhere.
// Nobody who is typing is moved: they are told where the facilitator went instead.
import { $, $$, config, dayId, make, me } from "./dom.js";
import { state } from "./state.js";
import { cards, renderCompetency } from "./cards.js";
import { announce } from "./announce.js";
import { itemEl, person, describe, competencyTitle, isMine } from "./labels.js";
import { unsentForm } from "./forms.js";

const follow = () => $("[data-follow]");
let agendaList = null; // the agenda's <li>s, in order (they never change)
const agendaItems = () => agendaList || (agendaList = $$("[data-agenda-item]"));
const agendaLabel = (li) => $("[data-go]", li).textContent.trim();

// An agenda item for one outcome or activity is named by it ("…: learning outcome 2"),
// not by its kind alone, so people know which one is meant.
export function nameAgendaItems() {
  for (const li of agendaItems()) {
    const item = itemEl(li.dataset.focusItem);
    if (item) $("[data-go]", li).textContent = `${competencyTitle(li.dataset.competency)}: ${item.dataset.label}`;
  }
}

// ---- focus and following ----
export function setFocus(agendaItemId, remote) {
  state.focus = agendaItemId;
  for (const li of agendaItems()) {
    const now = Number(li.dataset.agendaItem) === agendaItemId;
    li.classList.toggle("app-agenda__item--current", now);
    $("[data-agenda-state]", li).textContent = now ? "Now" : "";
    if (now) li.setAttribute("aria-current", "step"); else li.removeAttribute("aria-current");
  }
  const li = agendaItemId && $(`[data-agenda-item="${agendaItemId}"]`);
  highlight(li);
  if (!li) return;
  const target = Number(li.dataset.competency);
  const label = agendaLabel(li);
  const say = (text) => { if (remote) announce(text); };
  if (!follow().checked && state.viewing !== null) {
    say(`The facilitator moved everyone to ${label}.`);
    return;
  }
  // Someone typing is never moved (after a reconnect's snapshot either), only told; on
  // their own competency the item in focus is highlighted and their focus stays put.
  if (state.viewing !== null && unsentForm()) {
    if (target === state.viewing) { say(`The facilitator moved everyone to ${label}.`); return; }
    showMoved(target, label);
    say(`The facilitator moved everyone to ${label}. You have unsent text, so you stay here; use “Go there” at the top when you are ready.`);
    return;
  }
  hideMoved();
  say(`The facilitator moved everyone to ${label}.`);
  show(target, remote, li.dataset.focusItem);
}

// The exact item in focus: one outcome or activity, or the whole competency.
function highlight(li) {
  $$(".app-in-focus").forEach((el) => el.classList.remove("app-in-focus"));
  $$("[data-focus-tag]").forEach((el) => el.remove());
  if (!li) return;
  const item = itemEl(li.dataset.focusItem);
  const target = item || $(`#comp-${li.dataset.competency}-title`);
  if (!target) return;
  target.classList.add("app-in-focus");
  // Beside the heading, not in it: the heading's text names the competency elsewhere.
  const tag = make("p", "app-focus-tag");
  tag.dataset.focusTag = "";
  tag.append(make("strong", "nhsuk-tag nhsuk-tag--blue", "In focus now"));
  if (item) item.prepend(tag); else target.after(tag);
}

export function show(competencyId, moveFocus, itemId) {
  if (!$(`[data-competency-panel="${competencyId}"]`)) return;
  state.viewing = competencyId;
  renderCompetency(competencyId);
  $$("[data-competency-panel]").forEach((panel) => {
    panel.hidden = Number(panel.dataset.competencyPanel) !== competencyId;
  });
  $$("[data-go]").forEach((b) => b.setAttribute("aria-pressed", String(Number(b.dataset.go) === competencyId)));
  if (state.moved && state.moved.competency === competencyId) hideMoved();
  const news = $("[data-elsewhere]");
  if (Number(news.dataset.elsewhereCompetency) === competencyId) news.hidden = true; // seen it
  looked(competencyId);
  if (!moveFocus) return;
  // At the heading (below the sticky bar: scroll-margin-top), on a phone too; the item in
  // focus, if it is one item, is scrolled to instead so it is on screen.
  const heading = $(`#comp-${competencyId}-title`);
  heading.focus({ preventScroll: true });
  (itemEl(itemId) || heading).scrollIntoView({ block: "start" });
}

export function goTo(competencyId, itemId) {
  const focused = state.focus && $(`[data-agenda-item="${state.focus}"]`);
  if (follow().checked && focused && Number(focused.dataset.competency) !== competencyId) {
    follow().checked = false; // choosing another item means not following for now
  }
  show(competencyId, true, itemId);
}

function showMoved(competency, label) {
  state.moved = { competency };
  const box = $("[data-moved]");
  $("[data-moved-text]", box).textContent = `The facilitator moved to ${label}.`;
  box.hidden = false;
}
function hideMoved() {
  state.moved = null;
  $("[data-moved]").hidden = true;
}

// ---- open / new / decided ----
// "New" means added by someone else after you last looked at that competency; what you
// have looked at is kept on this device (the highest proposal id seen, per competency).
const seenKey = `review-day:${dayId}:seen:${me.id ?? "staff"}`;
let seen = null; // read once the first snapshot is in
export function loadSeen() {
  if (seen) return seen;
  try { seen = JSON.parse(localStorage.getItem(seenKey)); } catch { seen = null; }
  if (!seen) { // first visit on this device: what is already there is not news
    seen = {};
    for (const p of state.proposals.values()) seen[p.competency_id] = Math.max(seen[p.competency_id] || 0, p.id);
  }
  return seen;
}
function looked(competencyId) {
  if (!seen) return;
  const marks = seen;
  let top = marks[competencyId] || 0;
  for (const p of state.proposals.values()) if (p.competency_id === competencyId) top = Math.max(top, p.id);
  marks[competencyId] = top;
  localStorage.setItem(seenKey, JSON.stringify(marks));
  scheduleAwareness();
}
const isNew = (p) => Boolean(seen) && !isMine(p) && p.id > (seen[p.competency_id] || 0);

// Which agenda items a proposal belongs to: the item's own entry and its competency's.
function agendaFor(p) {
  return agendaItems().filter((li) => Number(li.dataset.competency) === p.competency_id
    && (!li.dataset.focusItem || Number(li.dataset.focusItem) === p.item_id));
}

let scheduled = false;
function scheduleAwareness() {
  if (scheduled) return;
  scheduled = true;
  setTimeout(() => { scheduled = false; drawAwareness(); }, 50);
}
export const renderAwareness = scheduleAwareness;

function drawAwareness() {
  const counts = new Map(agendaItems().map((li) => [li, { open: 0, fresh: 0, decided: 0 }]));
  const queue = [];
  const order = agendaItems();
  for (const p of state.proposals.values()) {
    const where = agendaFor(p);
    for (const li of where) {
      const c = counts.get(li);
      if (p.status === "open") c.open += 1;
      else if (p.status !== "withdrawn") c.decided += 1;
      if (p.status === "open" && isNew(p)) c.fresh += 1;
    }
    if (p.status === "open") queue.push({ p, at: where.length ? order.indexOf(where[0]) : order.length });
  }
  for (const [li, c] of counts) badges(li, c);
  if (config.can_decide) drawQueue(queue.sort((a, b) => a.at - b.at || a.p.id - b.p.id));
}

function badges(li, c) {
  let box = $("[data-agenda-badges]", li);
  if (!box) {
    box = make("span", "app-agenda__badges");
    box.dataset.agendaBadges = "";
    $("[data-agenda-state]", li).after(box);
  }
  box.textContent = "";
  const add = (n, word, cls) => { if (n) box.append(make("strong", `nhsuk-tag ${cls}`, `${n} ${word}`)); };
  add(c.open, "open", "nhsuk-tag--blue");
  add(c.fresh, "new", "nhsuk-tag--orange");
  add(c.decided, "decided", "nhsuk-tag--green");
}

function drawQueue(queue) {
  let box = $("[data-decide-queue]");
  if (!box) {
    box = make("section", "app-queue");
    box.dataset.decideQueue = "";
    box.id = "to-decide";
    box.setAttribute("aria-labelledby", "to-decide-heading");
    const h = make("h2", "nhsuk-heading-s", "To decide ");
    h.id = "to-decide-heading";
    h.append(make("span", "nhsuk-tag nhsuk-tag--grey", "0"));
    box.append(h, make("ol", "app-queue__list"), make("p", "app-queue__empty", "Nothing is waiting for a decision."));
    $(".app-live__agenda").append(box);
    const link = $("[data-jump-queue]");
    if (link) link.hidden = false;
  }
  $("h2 .nhsuk-tag", box).textContent = String(queue.length);
  const list = $("ol", box);
  list.textContent = "";
  $(".app-queue__empty", box).hidden = queue.length > 0;
  for (const { p } of queue) {
    const li = make("li");
    const go = make("button", "app-link-button", `${describe(p)[0].toUpperCase()}${describe(p).slice(1)}`);
    go.type = "button";
    go.dataset.queueGo = p.id;
    li.append(go, make("span", "app-queue__by", ` by ${person(p.author)}${isNew(p) ? " (new)" : ""}`));
    list.append(li);
    go.addEventListener("click", () => openProposal(p));
  }
}

export function openProposal(p) {
  goTo(p.competency_id);
  const card = cards.get(p.id);
  if (!card) return;
  card.scrollIntoView({ block: "start" });
  card.focus({ preventScroll: true });
}

// ---- something arrived on an item you are not viewing ----
const NOTICE = { "proposal.created": "proposed", "comment.added": "commented on" };
export function noticeChange(change, p) {
  if (!p || !NOTICE[change.type] || p.competency_id === state.viewing) return;
  if (change.actor && change.actor.id === me.id) return;
  const box = $("[data-elsewhere]");
  const text = change.type === "proposal.created"
    ? `${person(change.actor)} proposed a ${describe(p)}.`
    : `${person(change.actor)} commented on ${isMine(p) ? "your" : `${person(p.author)}’s`} ${describe(p)}.`;
  $("[data-elsewhere-text]", box).textContent = `New: ${text}`;
  box.dataset.elsewhereProposal = p.id;
  box.dataset.elsewhereCompetency = p.competency_id;
  box.hidden = false;
}
export function goElsewhere() {
  const box = $("[data-elsewhere]");
  const p = state.proposals.get(Number(box.dataset.elsewhereProposal));
  box.hidden = true;
  if (p) openProposal(p);
}

// ---- timers ----
export function renderTimers() {
  const now = Date.now();
  for (const [id, t] of state.timers) {
    const el = $(`[data-timer="${id}"]`);
    if (!el) continue;
    const running = t.running && state.status === "live";
    const used = t.used_seconds + (running ? Math.max(0, (now - Date.parse(t.started_at)) / 1000) : 0);
    const box = (t.timebox_minutes + t.extra_minutes) * 60;
    const mins = (s) => `${Math.floor(s / 60)}:${String(Math.floor(s % 60)).padStart(2, "0")}`;
    el.textContent = `${mins(used)} of ${t.timebox_minutes + t.extra_minutes} min${running ? " (running)" : ""}${used > box ? " – over time" : ""}`;
    el.classList.toggle("app-agenda__timer--over", used > box);
  }
}
