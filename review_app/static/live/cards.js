// One card per proposal, built once from the page's <template> and then only filled in.
// Other scripts enhance a card by listening for the `review:card` event fired at the end
// of filling it (re-fired on every update).
import { $, $$, make, me } from "./dom.js";
import { state } from "./state.js";
import { send, outbox } from "./connection.js";
import { kindLabel, statusLabel, itemText, itemKind, person, describe } from "./labels.js";
import { renderTimers, renderAwareness } from "./agenda.js";
import { renderFeedback, renderDayStatus } from "./side.js";
import { wireCardForms } from "./forms.js";

// A snapshot renders every card once; cards and their containers are found through maps,
// not by searching a DOM that holds thousands of elements once a day has a thousand proposals.
export const cards = new Map(); // proposal id -> its card
let hostMap = null; // data-proposals-for -> element (the page's items never change)
function hosts() {
  if (!hostMap) hostMap = new Map($$("[data-proposals-for]").map((el) => [el.dataset.proposalsFor, el]));
  return hostMap;
}
function container(p) {
  return hosts().get(p.kind === "add" ? `add-${p.competency_id}-${p.item_kind}` : `item-${p.item_id}`) || null;
}

// Cards are made for the competencies someone has looked at, when they look: a day with
// 1,000 proposals drew every card on joining (2.3 s) and Chrome then froze for 8 s reading
// their forms. The state holds every proposal; awareness and announcements read the state.
const drawn = new Set(); // competency ids whose cards are on the page

/** The cards of one competency, made the first time it is shown. */
export function renderCompetency(competencyId) {
  if (drawn.has(competencyId)) return;
  drawn.add(competencyId);
  for (const p of state.proposals.values()) if (p.competency_id === competencyId) renderProposal(p);
}

export function renderAll() {
  hosts().forEach((el) => { el.textContent = ""; });
  cards.clear();
  pendingCards.clear();
  for (const p of state.proposals.values()) if (drawn.has(p.competency_id)) renderProposal(p);
  renderPending();
  renderFeedback();
  renderTimers();
  renderDayStatus();
  renderAwareness();
}

export function renderProposal(p) {
  let card = cards.get(p.id);
  if (!card) {
    if (!drawn.has(p.competency_id)) return; // made when its competency is shown
    const host = container(p);
    if (!host) return;
    card = $("#proposal-template").content.firstElementChild.cloneNode(true);
    card.dataset.proposal = p.id;
    card.setAttribute("aria-label", `Proposal ${p.id}: ${kindLabel(p)}`);
    wireCard(card, p.id);
    host.append(card);
    cards.set(p.id, card);
  }
  fillCard(card, p);
}

export function forget(id) {
  const card = cards.get(id);
  if (card) card.remove();
  cards.delete(id);
}

function diffOf(p, diff) {
  if (p.kind === "replace") {
    const [before, after] = p.field === "title" ? [p.base_title, p.new_title] : [p.base_text, p.new_text];
    window.wordDiff.render(diff, before, after);
  } else if (p.kind === "add") {
    window.wordDiff.render(diff, "", (p.new_title ? `${p.new_title}: ` : "") + p.new_text);
  } else if (p.kind === "delete") {
    window.wordDiff.render(diff, (p.base_title ? `${p.base_title}: ` : "") + p.base_text, "");
  } else {
    diff.textContent = `Move to position ${(p.new_position || 0) + 1}.`;
  }
}

// Who decided, why, and an amended wording as the final difference from the text proposed on.
const DECIDED = { accepted_amended: "Accepted with changed wording", deferred: "Deferred to a later Review Day" };
function fillDecision(box, p) {
  box.hidden = !p.decision;
  if (!p.decision) return;
  const d = p.decision;
  box.textContent = `${DECIDED[p.status] || statusLabel(p.status)} by ${d.decided_by}`
    + (d.reason ? `: ${d.reason}` : ".")
    + (d.conflict ? " (the item had changed since the proposal: flagged as a conflict)" : "");
  if (d.amended_text) {
    const diff = make("span", "app-proposal__diff app-final-wording");
    const base = p.kind === "replace" ? (p.field === "title" ? p.base_title : p.base_text) || "" : "";
    window.wordDiff.render(diff, base, d.amended_text);
    box.append(document.createElement("br"), make("strong", null, "Final wording: "), diff);
  }
}

function fillCard(card, p) {
  $("[data-p-kind]", card).textContent = kindLabel(p);
  $("[data-p-category]", card).textContent = p.category;
  const status = $("[data-p-status]", card);
  status.textContent = statusLabel(p.status);
  status.className = `nhsuk-tag app-status--${p.status}`;
  diffOf(p, $("[data-p-diff]", card));
  $("[data-p-author]", card).textContent = p.author ? person(p.author) : "you";
  $("[data-p-rationale]", card).textContent = p.rationale ? `Why: ${p.rationale}` : "";
  fillDecision($("[data-p-decision]", card), p);
  const t = p.tally || { agree: 0, disagree: 0, abstain: 0 };
  $("[data-p-tally]", card).textContent = `Votes: ${t.agree} agree, ${t.disagree} disagree, ${t.abstain} abstain.`;
  const mine = p.votes ? p.votes[String(me.id)] : undefined;
  const open = p.status === "open" && state.status === "live";
  // A vote button's name says which proposal it is for: "Agree with proposal 3, …".
  const about = `proposal ${p.id}, ${p.author ? `${person(p.author)}’s` : "your"} ${describe(p)}`;
  $$("[data-vote]", card).forEach((b) => {
    const word = b.dataset.vote[0].toUpperCase() + b.dataset.vote.slice(1);
    b.setAttribute("aria-pressed", String(b.dataset.vote === mine));
    b.disabled = !open;
    b.textContent = word + (b.dataset.vote === mine ? " ✓" : "");
    b.append(make("span", "nhsuk-u-visually-hidden",
      `${b.dataset.vote === "abstain" ? " on" : " with"} ${about}`));
  });
  $("[data-withdraw]", card).hidden = !(open && p.author && p.author.id === me.id);
  const comments = $("[data-p-comments]", card);
  comments.textContent = "";
  for (const c of p.comments || []) {
    const li = make("li", "", `${person(c.author)}: ${c.text}`);
    li.dataset.commentId = c.id;
    comments.append(li);
  }
  $("[data-p-comment-count]", card).textContent = `Comments (${(p.comments || []).length})`;
  const commentForm = $("[data-comment-form]", card);
  if (commentForm) commentForm.hidden = state.status !== "live";
  const decide = $("[data-decide-form]", card);
  if (decide) decide.hidden = !(p.status === "open" && ["live", "closed"].includes(state.status));
  // Other scripts (quality hints, replies, awareness) enhance a card by listening for this.
  document.dispatchEvent(new CustomEvent("review:card", { detail: { element: card, proposal: p } }));
}

function wireCard(card, id) {
  $$("[data-vote]", card).forEach((b) => b.addEventListener("click", () => {
    send("vote", { proposal_id: id, choice: b.dataset.vote });
  }));
  $("[data-withdraw]", card).addEventListener("click", () => send("withdraw", { proposal_id: id }));
  wireCardForms(card, id);
}

// Proposals still in the outbox show as "waiting to be sent"; a card stays the same element
// while it waits, so focus put on it after "Propose" is not lost on the next render.
const pendingCards = new Map(); // op_id -> element
export function renderPending() {
  const waiting = new Set();
  for (const op of outbox) {
    if (op.event !== "propose") continue;
    waiting.add(op.payload.op_id);
    if (pendingCards.has(op.payload.op_id)) continue;
    const p = { ...op.payload, id: `pending-${op.payload.op_id}`, status: "sending", author: null,
      tally: null, votes: {}, comments: [], base_text: itemText(op.payload.item_id), base_title: null };
    const host = container(p);
    if (!host) continue;
    const card = make("p", "app-proposal app-proposal--pending",
      `Your proposal (${kindLabel({ ...p, item_kind: p.item_kind || itemKind(p.item_id) })}) is waiting to be sent: “${p.new_text || p.new_title || ""}”`);
    card.dataset.pending = "";
    card.tabIndex = -1;
    host.append(card);
    pendingCards.set(op.payload.op_id, card);
  }
  for (const [opId, card] of pendingCards) {
    if (!waiting.has(opId)) { card.remove(); pendingCards.delete(opId); }
  }
}
export const pendingCard = (opId) => pendingCards.get(opId) || null;
