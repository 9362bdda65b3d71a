// Errors the NHS way: a plain-English message on the field (or by the button) it is about,
// nothing that jumps the page or steals focus, nothing that hides itself, and gone once
// the change is saved. The protocol's codes and field names become sentences here.
import { $, $$, make } from "./dom.js";
import { cards } from "./cards.js";
import { announce } from "./announce.js";
import { proposeFormIn, proposeDetails } from "./propose.js";

// What a field is called in a sentence, and what to say when it is empty.
const FIELDS = {
  new_text: ["The new wording", "Enter the new wording"],
  new_title: ["The title", "Enter the title"],
  new_position: ["The position", "Enter the position to move it to"],
  rationale: ["Why (rationale)", "Enter why"],
  category: ["The category", "Choose a category"],
  text: ["Your text", "Enter your text"],
  theme: ["The theme", "Choose a theme"],
  reason: ["The reason", "Enter the reason for the decision"],
  amended_text: ["The amended wording", "Enter the amended wording"],
  outcome: ["The decision", "Choose a decision"],
};
const CODES = {
  not_live: "The Review Day is not open, so changes cannot be made now. Your text is still here.",
  stale_version: "Someone changed this text since you opened it. Copy your wording, reload the page and propose it again.",
  not_found: "This is no longer on the Review Day: it may have been removed or hidden.",
  forbidden: "You cannot do this: it is for the facilitator or the person who made the proposal.",
  not_joined: "You are not connected to the Review Day yet. Wait a moment and try again.",
  unauthorized: "Join the Review Day from your invitation link, or sign in, then try again.",
  rate_limited: "You are sending changes faster than the room allows. Wait a moment and try again.",
  conflict: "The item has changed since this proposal was made.",
  internal_error: "Something went wrong on our side, so nothing was saved. Try again.",
};

// A comment's or feedback's `text` is named as what it is.
const TEXT_OF = { comment: ["Your comment", "Enter your comment"], feedback: ["Your feedback", "Enter your feedback"] };

/** One sentence for an error from the server, in the words the form uses. */
export function plainMessage(error, event) {
  if (!error) return "That was not saved. Try again.";
  const field = error.details && error.details.field;
  const [name, empty] = (field === "text" && TEXT_OF[event]) || FIELDS[field] || ["This", "Enter some text"];
  if (error.code === "too_long") {
    return `${name} must be ${Number(error.details.limit).toLocaleString("en-GB")} characters or fewer`;
  }
  if (error.code === "invalid_payload" && field) {
    if (/at least 1 character|give the/i.test(error.message)) return empty;
    if (/character|line break|store/i.test(error.message)) {
      return `${name} contains a character that cannot be saved (often pasted from another program). Remove it and try again`;
    }
    return `${name} is not valid. Check it and try again`;
  }
  // invalid_state and limit_reached messages from the server are already plain sentences.
  if (["invalid_state", "limit_reached"].includes(error.code)) return error.message;
  return CODES[error.code] || "That was not saved. Try again.";
}

// ---- showing and clearing ----
const FIELD_CLASS = { TEXTAREA: "nhsuk-textarea--error", SELECT: "nhsuk-select--error", INPUT: "nhsuk-input--error" };
let counter = 0;

/** An inline error on one field: message above it, the field marked and described by it. */
export function fieldError(field, message) {
  const id = `${field.id || field.name || "field"}-error-${++counter}`;
  const msg = make("span", "nhsuk-error-message");
  msg.id = id;
  msg.dataset.liveError = "";
  msg.append(make("span", "nhsuk-u-visually-hidden", "Error:"), ` ${message}`);
  const anchor = field.type === "radio" ? field.closest("fieldset") : field;
  if (field.type === "radio") anchor.querySelector("legend").after(msg);
  else anchor.before(msg);
  if (field.type !== "radio") {
    field.classList.add(FIELD_CLASS[field.tagName] || "nhsuk-input--error");
    field.setAttribute("aria-invalid", "true");
  }
  const target = field.type === "radio" ? anchor : field;
  target.setAttribute("aria-describedby", `${target.getAttribute("aria-describedby") || ""} ${id}`.trim());
  (field.closest(".nhsuk-form-group") || anchor.parentElement).classList.add("app-has-error");
}

/** An error about the whole action, next to the button (or control) that made it. */
export function placeError(near, message) {
  const msg = make("p", "nhsuk-error-message app-action-error");
  msg.dataset.liveError = "";
  msg.setAttribute("role", "status");
  msg.append(make("span", "nhsuk-u-visually-hidden", "Error:"), ` ${message}`);
  near.before(msg);
}

export function clearErrors(scope) {
  if (!scope) return;
  $$("[data-live-error]", scope).forEach((el) => {
    for (const f of $$(`[aria-describedby~="${el.id}"]`, scope)) {
      const rest = f.getAttribute("aria-describedby").split(" ").filter((x) => x && x !== el.id);
      if (rest.length) f.setAttribute("aria-describedby", rest.join(" ")); else f.removeAttribute("aria-describedby");
    }
    el.remove();
  });
  $$(".nhsuk-textarea--error, .nhsuk-select--error, .nhsuk-input--error", scope).forEach((f) => {
    f.classList.remove("nhsuk-textarea--error", "nhsuk-select--error", "nhsuk-input--error");
    f.removeAttribute("aria-invalid");
  });
  $$(".app-has-error", scope).forEach((el) => el.classList.remove("app-has-error"));
  if (scope.classList) scope.classList.remove("app-has-error");
}

// ---- where each change's errors belong ----
export const proposeForm = (payload) => proposeFormIn(proposeDetails(payload));
function scopeOf(op) {
  const p = op.payload;
  const card = p.proposal_id ? cards.get(p.proposal_id) : null;
  switch (op.event) {
    case "propose": { // not made just to clear it
      const details = proposeDetails(p);
      return details && $("[data-propose-form]", details);
    }
    case "comment": return card && $("[data-comment-form]", card);
    case "decide": return card && $("[data-decide-form]", card);
    case "vote": case "withdraw": return card && $("[data-p-votes]", card);
    case "feedback": return $("[data-feedback-form]");
    case "moderate": return $("[data-moderate-form]");
    case "focus": case "timer": return $(`[data-agenda-item="${p.agenda_item_id}"]`);
    case "status": return $("[data-day-action]") && $("[data-day-action]").parentElement;
    default: return null;
  }
}
export function clearErrorsFor(op) { clearErrors(scopeOf(op)); }

// Changes other scripts send (room-extras.js: edits, replies) show their own errors, from
// their ack, in their own forms; they can use plainMessage (window.reviewDay) for the words.
const OURS = new Set(["propose", "comment", "decide", "vote", "withdraw", "feedback", "moderate",
  "focus", "timer", "status"]);

export function reportError(error, op) {
  if (op && (!OURS.has(op.event) || op.payload.reply_to)) return;
  const message = plainMessage(error, op && op.event);
  const scope = op ? scopeOf(op) : null;
  if (op && op.event === "propose") restoreForm(op.payload);
  clearErrors(scope);
  const field = error && error.details && error.details.field;
  const input = scope && field && scope.elements ? scope.elements[field] : null;
  const target = input && input.length && !input.tagName ? input[0] : input;
  if (target && target.offsetParent !== null) fieldError(target, message);
  else if (scope) placeError(scope.tagName === "FORM" ? $("button[type=submit]", scope) : scope.firstElementChild, message);
  else placeError($("[data-bar-messages]"), message);
  // Said once, politely: focus stays where the person is working.
  announce(`Not saved: ${message}.`.replace(/\.\.$/, "."));
}

// A refused proposal's text goes back into its form, opened, so nothing typed is lost.
function restoreForm(payload) {
  const form = proposeForm(payload);
  if (!form) return;
  if (payload.new_text && form.new_text) form.new_text.value = payload.new_text;
  if (payload.new_title && form.new_title) form.new_title.value = payload.new_title;
  if (form.rationale) form.rationale.value = payload.rationale || "";
  if (payload.category && form.category) form.category.value = payload.category;
  const kind = { replace: payload.field === "title" ? "replace-title" : "replace", delete: "delete", move: "move" }[payload.kind];
  const radio = kind && $(`input[name=kind][value="${kind}"]`, form);
  if (radio) { radio.checked = true; radio.dispatchEvent(new Event("change")); }
  form.closest("details").open = true;
}
