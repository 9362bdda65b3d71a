// The room's state, changed only by the server's changes applied in `seq` order: a change
// that arrives ahead of a gap waits until the gap is filled (or fetched by joining again).
import { $, config } from "./dom.js";
import { becomeParticipant, resync, updateConnection } from "./connection.js";
import { renderAll, renderProposal, forget } from "./cards.js";
import { setFocus, noticeChange, renderTimers, renderAwareness, loadSeen } from "./agenda.js";
import { announceChange } from "./announce.js";
import { renderFeedback, renderPresence, renderDayStatus } from "./side.js";

export const state = {
  seq: 0, status: config.status, focus: null, proposals: new Map(), feedback: new Map(),
  timers: new Map(), present: [], viewing: null, joined: false,
};
export const pending = new Map(); // seq -> change that arrived ahead of a gap
let resyncTimer = null; // the deadline of the oldest unfilled gap

export function receive(change) {
  if (!change || change.seq <= state.seq) return;
  if (change.seq > state.seq + 1) {
    pending.set(change.seq, change);
    watchGap();
    return;
  }
  apply(change);
  state.seq = change.seq;
  while (pending.has(state.seq + 1)) {
    const next = pending.get(state.seq + 1);
    pending.delete(state.seq + 1);
    apply(next);
    state.seq = next.seq;
  }
  if (!pending.size && resyncTimer !== null) {
    clearTimeout(resyncTimer);
    resyncTimer = null;
    updateConnection();
  }
}

// A gap not filled within GAP_DEADLINE_MS of its FIRST appearance is fetched by joining
// again. A deadline, not a debounce: restarted by every early change, the timer never
// fired at 15 changes a second, and one missed broadcast froze a page for 34 s.
const GAP_DEADLINE_MS = 1500;
export function watchGap() {
  if (resyncTimer !== null) return;
  resyncTimer = setTimeout(() => {
    resyncTimer = null;
    if (pending.size) resync();
  }, GAP_DEADLINE_MS);
  updateConnection();
}

export function loadSnapshot(snap) {
  becomeParticipant(snap.me);
  state.seq = snap.seq;
  state.status = snap.status;
  state.proposals = new Map(snap.proposals.map((p) => [p.id, p]));
  state.feedback = new Map(snap.feedback.map((f) => [f.id, f]));
  state.timers = new Map(snap.timers.map((t) => [t.agenda_item_id, t]));
  $("[data-more-note]").hidden = !(snap.more_proposals || snap.more_feedback);
  loadSeen();
  setFocus(snap.focus_agenda_item_id, false);
  pending.clear();
  renderAll();
}

function update(id, fn) {
  const proposal = state.proposals.get(id);
  if (!proposal) return null;
  fn(proposal);
  renderProposal(proposal);
  return proposal;
}

function apply(change) {
  const d = change.data;
  let proposal = null; // the proposal the change is about, for announcements and notices
  switch (change.type) {
    case "proposal.created":
      proposal = d.proposal;
      state.proposals.set(proposal.id, proposal);
      renderProposal(proposal);
      break;
    case "proposal.edited": // its author changed it: the whole proposal as it now stands
      proposal = d.proposal;
      state.proposals.set(proposal.id, proposal);
      renderProposal(proposal);
      break;
    case "proposal.withdrawn":
      proposal = update(d.proposal_id, (p) => { p.status = d.status; });
      break;
    case "comment.added":
      // a snapshot may already hold it: applying a change twice must change nothing
      proposal = update(d.comment.proposal_id, (p) => {
        if (!p.comments.some((c) => c.id === d.comment.id)) p.comments.push(d.comment);
      });
      break;
    case "vote.cast":
      proposal = update(d.proposal_id, (p) => { p.tally = d.tally; p.votes[String(d.voter_id)] = d.choice; });
      break;
    case "decision.made":
      proposal = update(d.proposal_id, (p) => { p.status = d.status; p.decision = d.decision; });
      break;
    case "feedback.added":
      state.feedback.set(d.feedback.id, d.feedback);
      renderFeedback();
      break;
    case "focus.changed":
      setFocus(d.agenda_item_id, true);
      break;
    case "timer.changed":
      d.timers.forEach((t) => state.timers.set(t.agenda_item_id, t));
      renderTimers();
      break;
    case "proposals.rejected":
      d.proposal_ids.forEach((id) => update(id, (p) => { p.status = d.status; p.decision = d.decision; }));
      break;
    case "proposals.hidden":
      d.proposal_ids.forEach((id) => { state.proposals.delete(id); forget(id); });
      break;
    case "participant.removed":
      state.present = state.present.filter((p) => p.id !== d.participant_id);
      renderPresence();
      break;
    case "day.status":
      state.status = d.status;
      (d.timers || []).forEach((t) => state.timers.set(t.agenda_item_id, t)); // closing stops them
      renderDayStatus();
      renderTimers();
      for (const p of state.proposals.values()) renderProposal(p); // votes open or close
      break;
  }
  announceChange(change, proposal);
  noticeChange(change, proposal);
  renderAwareness();
}
