// What screen reader users hear after each change: the person, the item and, for your own
// proposals, that it is yours ("Your reword of learning outcome 1 … was accepted").
import { $, me } from "./dom.js";
import { statusLabel, person, describe, whose } from "./labels.js";

export function announce(text) {
  const box = $("[data-announcer]");
  const p = document.createElement("p");
  p.textContent = text;
  box.append(p);
  while (box.childElementCount > 5) box.firstElementChild.remove();
}

const quote = (text) => `“${text.length > 140 ? `${text.slice(0, 140)}…` : text}”`;

export function messageFor(change, p) {
  const d = change.data;
  const mine = Boolean(change.actor && change.actor.id === me.id);
  const who = person(change.actor);
  switch (change.type) {
    case "proposal.created":
      return mine ? `Your proposal is in: a ${describe(p)}.`
        : `New proposal from ${who}: a ${describe(p)}.`;
    case "proposal.edited":
      return mine ? `Your changes to your ${describe(p)} are saved.`
        : `${who} changed their ${describe(p)}. Votes cast before may have been cleared.`;
    case "proposal.withdrawn":
      return p && (mine ? `You withdrew your ${describe(p)}.` : `${who} withdrew their ${describe(p)}.`);
    case "comment.added": {
      if (!p) return null;
      const parent = d.comment.reply_to && (p.comments || []).find((c) => c.id === d.comment.reply_to);
      if (mine) return `Your ${parent ? "reply" : "comment"} on ${whose(p)} was added.`;
      const verb = !parent ? "commented on"
        : parent.author.id === me.id ? "replied to your comment on" : "replied to a comment on";
      return `${who} ${verb} ${whose(p)}: ${quote(d.comment.text)}`;
    }
    case "vote.cast": {
      if (!p) return null;
      const t = d.tally;
      const tally = `Votes now ${t.agree} agree, ${t.disagree} disagree, ${t.abstain} abstain.`;
      return mine ? `Your vote, ${d.choice}, on ${whose(p)} is counted. ${tally}`
        : `${who} voted ${d.choice} on ${whose(p)}. ${tally}`;
    }
    case "decision.made":
      return p && `Decision: ${statusLabel(d.status)}, for ${whose(p)}. Reason: ${d.decision.reason}`;
    case "feedback.added":
      return mine ? `Your feedback on ${d.feedback.theme} was added.`
        : `${who} gave feedback on ${d.feedback.theme}: ${quote(d.feedback.text)}`;
    case "proposals.rejected":
      return `The facilitator rejected ${d.proposal_ids.length} proposals from ${d.name}. Reason: ${d.reason}`;
    case "proposals.hidden":
      return `The facilitator hid ${d.proposal_ids.length} proposals from ${d.name}.`;
    case "day.status":
      return d.status === "closed" ? "The Review Day is closed. You can still read everything."
        : "The Review Day is open.";
    default:
      return null; // focus changes announce themselves (agenda.js); timers and presence stay quiet
  }
}

export function announceChange(change, p) {
  const text = messageFor(change, p);
  if (text) announce(text);
}


