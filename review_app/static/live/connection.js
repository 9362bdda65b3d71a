// The socket and the outbox: every change waits here (and in localStorage) until the
// server acknowledges it, and is sent again with the same op_id after a drop or a refusal
// that asks to wait. Protocol: docs/live-protocol.md.
import { $, dayId, me } from "./dom.js";
import { state, pending, receive, loadSnapshot, watchGap } from "./state.js";
import { renderPending } from "./cards.js";
import { reportError, clearErrorsFor } from "./errors.js";

const ACK_TIMEOUT_MS = 8000;
// Staff who have not joined this day before have no participant id until their socket
// joins (that records their attendance); their outbox waits under "staff" until then.
const outboxKeyFor = (id) => `review-day:${dayId}:outbox:${id === null || id === undefined ? "staff" : id}`;
let outboxKey = outboxKeyFor(me.id);
export let outbox = loadOutbox();
const callbacks = new Map(); // op_id -> called with the server's answer
let flushing = false;
let waitingUntil = 0; // sending too fast: the outbox waits for the server's retry_after
let waitingBecause = ""; // the code of the refusal it waits after
let failures = 0; // internal_error answers in a row: each doubles the wait, up to 30 s
let joinFailures = 0; // likewise for join (also unanswered within ACK_TIMEOUT_MS)
let joinAttempt = 0; // only the newest join's answer counts
export let resyncing = false; // joined again to fetch what a gap missed
const delayAfter = (n) => Math.min(1000 * 2 ** (n - 1), 30000) * (0.75 + Math.random() / 2);

function loadOutbox() {
  try { return JSON.parse(localStorage.getItem(outboxKey) || "[]"); } catch { return []; }
}
function saveOutbox() { localStorage.setItem(outboxKey, JSON.stringify(outbox)); }
export function dropOutbox() { outbox = []; saveOutbox(); }
export function becomeParticipant(who) {
  if (!who || who.id === me.id) return;
  Object.assign(me, who);
  localStorage.removeItem(outboxKey);
  outboxKey = outboxKeyFor(me.id);
  saveOutbox();
}
function newOpId() {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Queue a change; `onResult(ack)` runs when the server answers it (not after a reload),
 * and returns true when it shows a refusal itself (the room's inline error is then not). */
export function send(event, payload, onResult) {
  const op = { event, payload: { ...payload, op_id: newOpId(), review_day_id: dayId } };
  outbox.push(op);
  saveOutbox();
  if (onResult) callbacks.set(op.payload.op_id, onResult);
  renderPending();
  updateConnection();
  flush();
  return op;
}

// Opened, and first joined, by live-early.js while the page was still loading.
const early = window.reviewDayEarly;
export const socket = early.socket;

function emitWithAck(event, payload) {
  return new Promise((resolve) => {
    socket.timeout(ACK_TIMEOUT_MS).emit(event, payload, (err, ack) => resolve(err ? null : ack));
  });
}

let retryTimer = null;
function waitThenFlush(wait, because) {
  clearTimeout(retryTimer);
  waitingUntil = Date.now() + wait;
  waitingBecause = because;
  retryTimer = setTimeout(() => { waitingUntil = 0; flush(); }, wait);
}

export async function flush() {
  if (flushing || !state.joined || waitingUntil > Date.now()) return;
  flushing = true;
  try {
    while (outbox.length && state.joined) {
      const op = outbox[0];
      const ack = await emitWithAck(op.event, op.payload);
      // No answer within ACK_TIMEOUT_MS (the database frozen, say): kept and sent again
      // with back-off; it used to wait for a reconnect that never came.
      if (ack === null) {
        failures += 1;
        waitThenFlush(delayAfter(failures), "timeout");
        break;
      }
      // Too fast, the server busy, or a failure on the server (the change may even have
      // been stored as its connection dropped): kept, and sent again later with the
      // same op_id, which the server stores at most once.
      if (!ack.ok && (ack.error.retry_after || ack.error.code === "internal_error")) {
        failures += 1;
        waitThenFlush(ack.error.retry_after ? ack.error.retry_after * 1000 : delayAfter(failures),
          ack.error.code);
        break;
      }
      failures = 0;
      outbox.shift();
      saveOutbox();
      const done = callbacks.get(op.payload.op_id);
      callbacks.delete(op.payload.op_id);
      if (ack.ok) receive(ack.change);
      const shown = done ? done(ack) === true : false;
      if (ack.ok) clearErrorsFor(op); else if (!shown) reportError(ack.error, op);
      renderPending();
    }
  } finally {
    flushing = false;
    updateConnection();
  }
}

// Someone else's change has just been stored and broadcast, so the server can store
// changes again: what waits after a failure or a timeout goes now, not at the end of its
// back-off (up to 30 s after a database outage). A `rate_limited` wait is this person's own.
export function serverIsBack() {
  if (!waitingUntil || waitingBecause === "rate_limited" || !outbox.length) return;
  clearTimeout(retryTimer);
  waitingUntil = 0;
  flush();
}

// A join that is refused for a while (too many joins, the server busy or failing) or not
// answered within ACK_TIMEOUT_MS is tried again with back-off while the socket is up:
// a page once stayed "Offline" after PostgreSQL came back, until it was reloaded.
export async function join() {
  const attempt = ++joinAttempt;
  updateConnection(); // connected again: "Catching up…" until the join is answered
  const ack = await (early.answer ? earlyJoin() : askToJoin());
  performance.mark("review:join-answered");
  if (attempt !== joinAttempt || !socket.connected) return; // a newer join (or reconnect) owns it
  if (ack === null || (!ack.ok && (ack.error.retry_after || ack.error.code === "internal_error"))) {
    joinFailures += 1;
    const wait = ack && ack.error.retry_after ? ack.error.retry_after * 1000 : delayAfter(joinFailures);
    setTimeout(() => { if (attempt === joinAttempt && socket.connected) join(); }, wait);
    return;
  }
  joinFailures = 0;
  resyncing = false;
  if (!ack.ok) { reportError(ack.error); return; }
  if (ack.snapshot) loadSnapshot(ack.snapshot);
  else ack.changes.forEach(receive);
  if (pending.size) watchGap(); // changes past the replay still wait for an earlier one
  state.joined = true;
  if (early.release) { early.release(); early.release = null; } // what came while loading
  updateConnection();
  performance.mark("review:joined");
  flush();
}
const askToJoin = () => emitWithAck("join", { review_day_id: dayId, last_seq: state.seq });
// The join live-early.js sent, if it was on this connection (a reconnect since joins again).
async function earlyJoin() {
  const { sid, ack } = await early.answer;
  early.answer = null;
  return sid === socket.id ? ack : askToJoin();
}
export function resync() { resyncing = true; join(); }

// After a Redis outage the server names the day's newest seq: broadcasts it sent while
// Redis was down never arrived, so a page behind it joins again to fetch them (spread
// over RESYNC_SPREAD_MS, so a full room does not join all at once).
const RESYNC_SPREAD_MS = 500;
export function resyncTo(msg) {
  if (!state.joined || msg.review_day_id !== dayId) return; // a join is under way anyway
  if (msg.seq !== null && msg.seq !== undefined && msg.seq <= state.seq && !pending.size) return;
  resyncing = true;
  updateConnection();
  setTimeout(() => { if (socket.connected) join(); }, Math.random() * RESYNC_SPREAD_MS);
}

export function updateConnection() {
  const box = $("[data-connection]");
  let label, mode;
  if (socket.connected && !state.joined && !outbox.length) {
    mode = "sending"; label = "Catching up…";
  } else if (!socket.connected || !state.joined) {
    mode = "offline";
    label = outbox.length
      ? `Offline: ${outbox.length} unsent change${outbox.length > 1 ? "s" : ""} kept on this device`
      : "Offline: reconnecting…";
  } else if (outbox.length && waitingUntil > Date.now()) {
    mode = "sending";
    label = waitingBecause === "rate_limited"
      ? `Sending ${outbox.length}… (you are sending faster than the room allows: waiting a moment)`
      : `Sending ${outbox.length}… (the server could not save it yet: trying again shortly)`;
  } else if (outbox.length) { mode = "sending"; label = `Sending ${outbox.length}…`; }
  else if (pending.size || resyncing) { mode = "sending"; label = "Catching up…"; }
  else { mode = "saved"; label = "All changes saved"; }
  box.dataset.mode = mode;
  $("[data-connection-text]").textContent = label;
}

export function typing(itemId, competencyId) {
  if (state.joined) socket.emit("typing", { review_day_id: dayId, item_id: itemId, competency_id: competencyId });
}
