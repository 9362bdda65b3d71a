// The room's socket, opened and joined while the rest of the page loads (issue 13). The
// join's answer, the day's whole state, was the last link of a chain (page, scripts,
// modules, connect, join); now it is on its way while the room's modules load, and
// live/connection.js takes the socket, the answer and anything broadcast meanwhile over.
(function () {
  "use strict";
  var dayId = Number(document.currentScript.getAttribute("data-review-day"));
  performance.mark("review:connecting");
  var socket = window.io({ transports: ["websocket", "polling"], reconnectionDelayMax: 3000 });
  var early = { socket: socket, answer: null };
  // Broadcasts before the room listens are kept, and handed over in order after the join.
  var held = [];
  var keepers = ["change", "presence", "typing", "removed", "resync"].map(function (name) {
    var keep = function (message) { held.push([name, message]); };
    socket.on(name, keep);
    return [name, keep];
  });
  early.answer = new Promise(function (resolve) {
    socket.once("connect", function () {
      var sid = socket.id;
      performance.mark("review:join-sent"); // User Timing, read by benchmarks/pageload.py: connected
      socket.timeout(8000).emit("join", { review_day_id: dayId, last_seq: 0 }, function (err, ack) {
        resolve({ sid: sid, ack: err ? null : ack });
      });
    });
  });
  early.release = function () {
    keepers.forEach(function (k) { socket.off(k[0], k[1]); });
    held.forEach(function (m) {
      socket.listeners(m[0]).forEach(function (listener) { listener(m[1]); });
    });
    held = [];
  };
  window.reviewDayEarly = early;
})();
