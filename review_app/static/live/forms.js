// The room's forms: proposing, commenting, deciding, feedback and the facilitator's
// controls. Validation is ours (novalidate), with inline messages in plain English; a
// sent form is emptied at once (its text is safe in the outbox) and focus moves to what
// was made, so keyboard and screen reader users keep their place.
import { $, $$, fromTemplate, make } from "./dom.js";
import { state } from "./state.js";
import { send, typing } from "./connection.js";
import { cards, pendingCard } from "./cards.js";
import { itemEl } from "./labels.js";
import { fieldError, clearErrors } from "./errors.js";

const TYPING_EVERY_MS = 2000; // the server passes on a few typing signals a second at most

/** A form in the room holding text that has not been sent, if any. */
export function unsentForm() {
  for (const field of $$("[data-live-room] form textarea, [data-live-room] form input:not([type]), [data-live-room] form input[type=text], [data-live-room] form input[type=number]")) {
    if (field.value.trim() !== field.defaultValue.trim()) return field.form;
  }
  return null;
}

// Checks run before sending: [field, message] for the first problem of each field.
function check(form, rules) {
  clearErrors(form);
  const problems = rules.filter(([field, bad]) => field && bad(field));
  for (const [field, , message] of problems) fieldError(field, message);
  if (problems.length) {
    problems[0][0].focus();
    return false;
  }
  return true;
}
const empty = (f) => !f.value.trim();
const noRadio = (f) => !$$(`input[name="${f.name}"]`, f.form).some((r) => r.checked);

// After "Propose": the new card gets focus once the server has it; until then the card
// that says it is waiting to be sent has it (offline, that may be a while).
function focusNewProposal(ack) {
  const card = ack && ack.ok ? cards.get(ack.change.data.proposal.id) : null;
  const active = document.activeElement;
  const inPlace = !active || active === document.body || active.hasAttribute("data-pending")
    || active.hasAttribute("data-sent-note");
  if (card && inPlace) card.focus();
}

export function wirePropose(form) {
  form.noValidate = true;
  const kindInputs = $$("input[name=kind]", form);
  const chosenKind = () => (kindInputs.find((i) => i.checked) || {}).value;
  const sync = () => { $$("[data-when]", form).forEach((el) => { el.hidden = el.dataset.when !== chosenKind(); }); };
  kindInputs.forEach((i) => i.addEventListener("change", sync));
  sync();
  let typedAt = 0;
  form.addEventListener("input", () => {
    if (Date.now() - typedAt < TYPING_EVERY_MS) return;
    typedAt = Date.now();
    typing(Number(form.dataset.item) || null, Number(form.dataset.competency));
  });
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const add = form.dataset.kind === "add";
    const kind = add ? "add" : chosenKind();
    const noun = form.dataset.itemKind === "outcome" ? "the learning outcome" : "the description";
    const max = Number(form.new_position && form.new_position.max) || 50;
    const ok = check(form, [
      [add || kind === "replace-title" ? form.new_title : null, empty, add ? "Enter the title" : "Enter the new title"],
      [add || kind === "replace" ? form.new_text : null, empty, add ? `Enter ${noun}` : "Enter the new wording"],
      [kind === "move" ? form.new_position : null, (f) => !(Number(f.value) >= 1 && Number(f.value) <= max), `Enter a position from 1 to ${max}`],
      [form.category, empty, "Choose a category"],
    ]);
    if (!ok) return;
    const payload = { competency_id: Number(form.dataset.competency), category: form.category.value,
      rationale: form.rationale.value.trim() };
    if (add) {
      Object.assign(payload, { kind: "add", item_kind: form.dataset.itemKind, new_text: form.new_text.value.trim() });
      if (form.new_title) payload.new_title = form.new_title.value.trim();
    } else {
      Object.assign(payload, { item_id: Number(form.dataset.item), base_version: Number(itemEl(form.dataset.item).dataset.version) });
      if (kind === "replace") Object.assign(payload, { kind: "replace", field: "text", new_text: form.new_text.value.trim() });
      else if (kind === "replace-title") Object.assign(payload, { kind: "replace", field: "title", new_title: form.new_title.value.trim() });
      else if (kind === "move") Object.assign(payload, { kind: "move", new_position: Math.max(0, Number(form.new_position.value) - 1) });
      else payload.kind = "delete";
    }
    const op = send("propose", payload, focusNewProposal);
    form.reset();
    sync();
    form.closest("details").open = false;
    const waiting = pendingCard(op.payload.op_id);
    if (waiting) waiting.focus();
  });
}

// A card's comment form is made when its comments are first opened, and its decision form
// only for those who decide: a thousand cards' forms froze Chrome while autofill read them.
export function wireCardForms(card, id) {
  const comments = $(".app-proposal__comments", card);
  comments.addEventListener("toggle", () => { if (comments.open) commentForm(card, id); });
  if ($("#decide-template")) wireDecide(id, card.appendChild(fromTemplate("#decide-template", id)));
}

/** The card's comment form, made and wired the first time it is wanted. */
function commentForm(card, id) {
  let commentForm = $("[data-comment-form]", card);
  if (commentForm) return commentForm;
  commentForm = fromTemplate("#comment-template", id);
  commentForm.hidden = state.status !== "live";
  $(".app-proposal__comments", card).append(commentForm);
  commentForm.noValidate = true;
  const textarea = $("textarea", commentForm);
  commentForm.addEventListener("submit", (e) => {
    e.preventDefault();
    if (!check(commentForm, [[textarea, empty, "Enter your comment"]])) return;
    const note = sentNote(commentForm, "Sending your comment…");
    const text = textarea.value.trim();
    send("comment", { proposal_id: id, text }, (ack) => {
      note.textContent = ack.ok ? "Comment added." : "";
      if (!ack.ok && !textarea.value) textarea.value = text; // refused: the text comes back
    });
    textarea.value = "";
  });
  return commentForm;
}

function wireDecide(id, decide) {
  decide.noValidate = true;
  const radios = $$("input[type=radio]", decide);
  const [amended, reason] = [$("[name=amended_text]", decide), $("[name=reason]", decide)];
  decide.addEventListener("submit", (e) => {
    e.preventDefault();
    const chosen = radios.find((r) => r.checked);
    const ok = check(decide, [
      [radios[0], noRadio, "Choose a decision"],
      [chosen && chosen.value === "accept_amended" ? amended : null, empty, "Enter the amended wording"],
      // required only where the outcome needs a reason (room-extras.js keeps it in step)
      [reason, (f) => f.required && empty(f), "Enter the reason for the decision"],
    ]);
    if (!ok) return;
    const payload = { proposal_id: id, outcome: chosen.value, reason: reason.value.trim() };
    if (chosen.value === "accept_amended") payload.amended_text = amended.value.trim();
    // A conflict is asked about here, so it is this answer's to show (connection.js).
    const attempt = (extra) => send("decide", { ...payload, ...extra }, (ack) => {
      if (ack.ok) { decide.reset(); return false; }
      if (ack.error.code !== "conflict") return false;
      askAboutConflict(decide, ack.error.details.current_text, () => attempt({ confirm_conflict: true }));
      return true;
    });
    attempt({});
  });
}

// The item changed since the proposal: the facilitator sees what it says now and chooses,
// in the form (the browser's own confirm box was unstyled and named no item).
function askAboutConflict(decide, currentText, recordAnyway) {
  $$("[data-conflict]", decide).forEach((el) => el.remove());
  const box = make("div", "nhsuk-warning-callout app-conflict");
  box.dataset.conflict = "";
  box.tabIndex = -1;
  const label = make("h3", "nhsuk-warning-callout__label");
  const text = make("span", "", "");
  text.setAttribute("role", "text");
  text.append(make("span", "nhsuk-u-visually-hidden", "Important: "), "The item has changed since this proposal");
  label.append(text);
  const record = make("button", "nhsuk-button nhsuk-button--warning nhsuk-button--small", "Record it, flagged as a conflict");
  const cancel = make("button", "nhsuk-button nhsuk-button--secondary nhsuk-button--small", "Cancel");
  record.type = cancel.type = "button";
  box.append(label, make("p", "", `It now reads: “${currentText}”`),
    make("p", "", "Record this decision anyway? The implementers will see it flagged as a conflict."),
    record, " ", cancel);
  const done = () => { box.remove(); clearErrors(decide); };
  record.addEventListener("click", () => { done(); recordAnyway(); });
  cancel.addEventListener("click", () => { done(); $("button[type=submit]", decide).focus(); });
  $("button[type=submit]", decide).before(box);
  box.focus();
}

// "Sent" next to the button: focus stays in the form, and the person is told it went.
function sentNote(form, text) {
  let note = $("[data-sent-note]", form);
  if (!note) {
    note = document.createElement("p");
    note.className = "app-sent-note";
    note.dataset.sentNote = "";
    note.setAttribute("role", "status");
    $("button[type=submit]", form).after(note);
  }
  note.textContent = text;
  return note;
}

export function wireRoomForms() {
  const feedback = $("[data-feedback-form]");
  feedback.noValidate = true;
  feedback.addEventListener("submit", (e) => {
    e.preventDefault();
    if (!check(feedback, [[feedback.text, empty, "Enter your feedback"]])) return;
    const payload = { theme: feedback.theme.value, text: feedback.text.value.trim() };
    if (feedback.scope.value === "current" && state.viewing) payload.competency_id = state.viewing;
    const note = sentNote(feedback, "Sending your feedback…");
    send("feedback", payload, (ack) => {
      note.textContent = ack.ok ? "Feedback added." : "";
      if (!ack.ok && !feedback.text.value) feedback.text.value = payload.text; // refused: it comes back
    });
    feedback.text.value = "";
  });
  const moderate = $("[data-moderate-form]");
  if (moderate) moderate.noValidate = true; // live-moderation.js sends it; the checks are here
  if (moderate) moderate.addEventListener("submit", () => {
    check(moderate, [[moderate.participant_id, empty, "Choose a participant"],
      [$("input[name=action]", moderate), noRadio, "Choose what to do"],
      [moderate.reason, empty, "Enter the reason"]]);
  });
  $$("[data-focus]").forEach((b) => b.addEventListener("click", () => {
    send("focus", { agenda_item_id: Number(b.dataset.focus) });
  }));
  $$("[data-timer-action]").forEach((b) => b.addEventListener("click", () => {
    const payload = { agenda_item_id: Number(b.dataset.agenda), action: b.dataset.timerAction };
    if (payload.action === "extend") payload.minutes = 5;
    send("timer", payload);
  }));
  $$("[data-day-action]").forEach((b) => b.addEventListener("click", () => {
    send("status", { status: b.dataset.dayAction });
  }));
}
