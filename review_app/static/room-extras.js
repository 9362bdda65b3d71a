// The live room's extras (issue 13), enhancing what live.js renders without changing it:
// the reason rule in the decision form, editing your own open proposal,
// replies under a comment, and the day's actions following its status. Cards come from live.js's
// `review:card` event (re-fired on every update); the outbox is window.reviewDay.send.
// User text reaches the DOM only through textContent.

import { $, $$ } from "./live/dom.js";
import { clearErrors, fieldError, plainMessage } from "./live/errors.js";

const room = () => window.reviewDay;

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  Object.assign(node, props);
  node.append(...children);
  return node;
}

// Inline errors the room's way (live/errors.js), on the field named or the form's first box.
function showError(form, field, message) {
  clearErrors(form);
  const input = (field && form.elements[field]) || form.querySelector("textarea, input:not([type=hidden])");
  fieldError(input, message);
  input.focus();
}

// ---- the decision form: "(required)" only where a reason is needed ----
function wireDecision(card) {
  const form = $("[data-decide-form]", card);
  if (!form || form.dataset.extras) return;
  form.dataset.extras = "1";
  const reason = $("[name=reason]", form);
  const label = $("[data-reason-label]", form);
  const amended = $("[data-amended-group]", form);
  const sync = () => {
    const chosen = $(".nhsuk-radios__input:checked", form);
    const needed = chosen && chosen.value !== "accept";
    label.textContent = !chosen ? "Reason" : needed ? "Reason (required)" : "Reason (optional)";
    reason.required = Boolean(needed);
    amended.hidden = !(chosen && chosen.value === "accept_amended");
    $("[name=amended_text]", form).required = !amended.hidden;
  };
  $$(".nhsuk-radios__input", form).forEach((r) => r.addEventListener("change", sync));
  sync();
}

// ---- editing your own open proposal ----
const editing = new Map(); // proposal id -> the open edit form (kept across re-renders)
function editFields(p) {
  const f = [];
  const text = (name, label, value, rows) => ({ name, label, value: value || "", rows });
  if (p.kind === "replace" && p.field === "title") f.push(text("new_title", "New title", p.new_title, 0));
  else if (p.kind === "replace") f.push(text("new_text", "New wording", p.new_text, 6));
  else if (p.kind === "add") {
    if (p.item_kind.endsWith("_activity")) f.push(text("new_title", "Title", p.new_title, 0));
    f.push(text("new_text", p.item_kind === "outcome" ? "Learning outcome" : "Description", p.new_text, 6));
  } else if (p.kind === "move") {
    f.push({ name: "new_position", label: "Move to position", value: String((p.new_position || 0) + 1), number: true });
  }
  f.push(text("rationale", "Why (optional)", p.rationale, 3));
  return f;
}
function editForm(card, p) {
  const form = el("form", { className: "app-form app-edit", noValidate: true });
  form.dataset.editForm = String(p.id);
  const legend = el("h4", { className: "nhsuk-heading-xs", textContent: "Edit your proposal" });
  form.append(legend);
  for (const f of editFields(p)) {
    const id = `edit-${p.id}-${f.name}`;
    const group = el("div", { className: "nhsuk-form-group" });
    const label = el("label", { className: "nhsuk-label", htmlFor: id, textContent: f.label });
    let input;
    if (f.rows) input = el("textarea", { className: "nhsuk-textarea", id, name: f.name, rows: f.rows, maxLength: 2000, value: f.value });
    else if (f.number) input = el("input", { className: "nhsuk-input nhsuk-input--width-2", id, name: f.name, type: "number", min: 1, max: 50, inputMode: "numeric", value: f.value });
    else input = el("input", { className: "nhsuk-input", id, name: f.name, maxLength: 300, value: f.value });
    group.append(label, input);
    form.append(group);
  }
  const save = el("button", { className: "nhsuk-button nhsuk-button--secondary nhsuk-button--small", type: "submit", textContent: "Save changes" });
  const cancel = el("button", { className: "app-link-button", type: "button", textContent: "Cancel" });
  form.append(el("div", { className: "app-edit__actions" }, save, cancel));
  cancel.addEventListener("click", () => closeEdit(card, p.id));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const payload = { proposal_id: p.id };
    for (const f of editFields(p)) {
      const value = form.elements[f.name].value.trim();
      if (f.name === "rationale") { payload.rationale = value; continue; }
      if (!value) { showError(form, f.name, `Enter the ${f.label.toLowerCase()}`); return; }
      payload[f.name] = f.number ? Math.max(0, Number(value) - 1) : value;
    }
    clearErrors(form);
    room().send("edit_proposal", payload, (ack) => {
      if (!ack.ok) {
        const field = ack.error.details && ack.error.details.field;
        showError(form, field, plainMessage(ack.error, "edit_proposal"));
        return;
      }
      // The ack's proposal.edited change has been applied and the card refilled (live/state.js).
      closeEdit(card, p.id);
      $("[data-edit]", card).focus();
    });
  });
  return form;
}
function closeEdit(card, id) {
  const form = editing.get(id);
  if (form) form.remove();
  editing.delete(id);
  const button = $("[data-edit]", card);
  if (button) button.setAttribute("aria-expanded", "false");
}
function markEdited(card, p) {
  let mark = $("[data-p-edited]", card);
  if (!mark && !p.edited_at) return;
  if (!mark) {
    mark = el("span", { className: "nhsuk-tag nhsuk-tag--grey app-edited" });
    mark.dataset.pEdited = "";
    $(".app-proposal__head", card).append(" ", mark);
  }
  mark.textContent = "Edited";
  mark.hidden = !p.edited_at;
}
function wireEdit(card, p) {
  const withdraw = $("[data-withdraw]", card);
  let button = $("[data-edit]", card);
  markEdited(card, p);
  if (!button && withdraw.hidden) return; // not yours, or not open: nothing to add
  if (!button) {
    button = el("button", { type: "button", className: "app-link-button", textContent: "Edit" });
    button.dataset.edit = "";
    button.setAttribute("aria-expanded", "false");
    button.append(el("span", { className: "nhsuk-u-visually-hidden", textContent: " your proposal" }));
    withdraw.before(button);
    button.addEventListener("click", () => {
      const id = Number(card.dataset.proposal);
      if (editing.has(id)) { closeEdit(card, id); return; }
      const form = editForm(card, room().state.proposals.get(id) || p);
      editing.set(id, form);
      $("[data-p-votes]", card).after(form);
      button.setAttribute("aria-expanded", "true");
      form.querySelector("textarea, input").focus();
    });
  }
  // Yours and open: live.js shows Withdraw exactly then.
  button.hidden = withdraw.hidden;
  if (withdraw.hidden) closeEdit(card, p.id);
}

// ---- replies under a comment (one level) ----
// A reply form is made when someone first asks for it (a day has thousands of comments),
// then kept, with what is typed in it, while live.js redraws the card.
const replyForms = new Map(); // "proposal:comment" -> its form
function replyForm(p, comment) {
  const key = `${p.id}:${comment.id}`;
  if (replyForms.has(key)) return replyForms.get(key);
  const id = `reply-${p.id}-${comment.id}`;
  const form = el("form", { className: "app-form app-form--inline app-reply", noValidate: true });
  const group = el("div", { className: "nhsuk-form-group" },
    el("label", { className: "nhsuk-label", htmlFor: id, textContent: `Reply to ${comment.author.name}` }),
    el("textarea", { className: "nhsuk-textarea", id, name: "text", rows: 2, maxLength: 2000 }));
  form.append(group, el("button", { className: "nhsuk-button nhsuk-button--secondary nhsuk-button--small", type: "submit", textContent: "Reply" }));
  form.hidden = true;
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const text = form.elements.text.value.trim();
    if (!text) { showError(form, "text", "Enter your reply"); return; }
    clearErrors(form);
    room().send("comment", { proposal_id: p.id, text, reply_to: comment.id }, (ack) => {
      if (!ack.ok) { showError(form, "text", plainMessage(ack.error, "comment")); return; }
      form.elements.text.value = "";
      form.hidden = true;
    });
  });
  replyForms.set(key, form);
  return form;
}
function commentItem(c) {
  return el("li", { className: "app-comment" },
    el("p", { className: "app-comment__text", textContent: `${c.author.name} (${c.author.organisation}): ${c.text}` }));
}
function threadComments(card, p) {
  const list = $("[data-p-comments]", card);
  if (!list || !(p.comments || []).length) return; // live.js left it empty
  const active = document.activeElement;
  const keep = active && list.contains(active) ? [active, active.selectionStart, active.selectionEnd] : null;
  const replies = new Map();
  for (const c of p.comments || []) {
    if (c.reply_to) {
      if (!replies.has(c.reply_to)) replies.set(c.reply_to, []);
      replies.get(c.reply_to).push(c);
    }
  }
  const canReply = room() && room().state.status === "live";
  list.textContent = "";
  for (const c of p.comments || []) {
    if (c.reply_to) continue;
    const li = commentItem(c);
    const answers = replies.get(c.id) || [];
    if (answers.length) {
      const ol = el("ol", { className: "app-replies" });
      ol.setAttribute("aria-label", `Replies to ${c.author.name}`);
      answers.forEach((r) => ol.append(commentItem(r)));
      li.append(ol);
    }
    if (canReply) {
      const key = `${p.id}:${c.id}`;
      const open = replyForms.has(key) && !replyForms.get(key).hidden;
      const button = el("button", { type: "button", className: "app-link-button", textContent: "Reply" });
      button.append(el("span", { className: "nhsuk-u-visually-hidden", textContent: ` to ${c.author.name}` }));
      button.setAttribute("aria-expanded", String(open));
      button.addEventListener("click", () => {
        const form = replyForm(p, c);
        if (!form.isConnected) button.after(form);
        form.hidden = !form.hidden;
        button.setAttribute("aria-expanded", String(!form.hidden));
        if (!form.hidden) form.elements.text.focus();
      });
      li.append(button);
      if (replyForms.has(key)) li.append(replyForms.get(key));
    }
    list.append(li);
  }
  if (keep && document.contains(keep[0])) {
    keep[0].focus();
    if (keep[1] !== undefined && keep[1] !== null) keep[0].setSelectionRange(keep[1], keep[2]);
  }
}

document.addEventListener("review:card", (event) => {
  const { element: card, proposal: p } = event.detail;
  if (typeof p.id !== "number") return;
  wireDecision(card);
  wireEdit(card, p);
  threadComments(card, p);
});

// ---- the day's actions follow its status ----
function followStatus() {
  const state = room() && room().state;
  if (!state) return;
  $$("[data-when-status]").forEach((node) => {
    node.hidden = !node.dataset.whenStatus.split(" ").includes(state.status);
  });
  const reopen = $("[data-when-status~=closed] button");
  if (reopen) reopen.textContent = state.status === "closed" ? "Reopen the day" : "Open the day";
}
const tag = $("[data-day-status]");
if (tag) new MutationObserver(followStatus).observe(tag, { childList: true, characterData: true, subtree: true });
followStatus();
