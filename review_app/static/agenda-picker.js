// Type-ahead for the agenda picker. Without JavaScript the search is a GET form answered
// by the server; with it, the same address answers JSON as you type and the matching
// competencies are drawn under the field. Curriculum text reaches the page only through
// textContent.
(function () {
  "use strict";
  var WAIT_MS = 150;

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function countText(data) {
    var n = data.count;
    if (!data.query) return "All " + n + " competencies";
    return n + (n === 1 ? " competency matches “" : " competencies match “") + data.query + "”";
  }

  function draw(results, data) {
    var fresh = element("div", "app-picker-results");
    fresh.id = results.id;
    var count = element("p", "nhsuk-body-s app-muted", countText(data));
    count.setAttribute("data-result-count", "");
    fresh.appendChild(count);
    if (!data.count) {
      fresh.appendChild(element("p", "", "No competency contains every word of “" +
        data.query + "”. Try fewer or different words."));
    } else {
      var list = element("ul", "app-picker-results__list");
      data.results.forEach(function (result) {
        var li = element("li", "app-picker-results__item");
        var link = element("a", "app-picker-results__link", result.title);
        link.href = result.url;
        li.appendChild(link);
        if (result.on_agenda) {
          li.appendChild(document.createTextNode(" "));
          li.appendChild(element("strong", "nhsuk-tag nhsuk-tag--grey", "On the agenda"));
        }
        if (result.items.length) {
          var texts = element("ul", "app-picker-results__texts");
          result.items.forEach(function (item) {
            var itemLi = element("li");
            var itemLink = element("a", "", item.text);
            itemLink.href = item.url;
            itemLi.appendChild(itemLink);
            texts.appendChild(itemLi);
          });
          if (result.more_items) {
            texts.appendChild(element("li", "app-muted", "and " + result.more_items + " more"));
          }
          li.appendChild(texts);
        }
        list.appendChild(li);
      });
      fresh.appendChild(list);
    }
    results.replaceWith(fresh);
    return fresh;
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-agenda-search]"), function (form) {
    var input = form.querySelector("input[name=q]");
    var status = document.getElementById(form.dataset.status);
    var showAll = form.hasAttribute("data-show-all");
    var timer = null;
    var latest = 0;
    if (!input) return;

    function clear() {
      var results = document.getElementById(form.dataset.results);
      if (results) results.replaceChildren();
      if (status) status.textContent = "";
    }

    function search() {
      var query = input.value.trim();
      var asked = ++latest;
      if (!query && !showAll) { clear(); return; }
      var url = form.action + "?format=json&q=" + encodeURIComponent(query);
      fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) throw new Error("search " + response.status);
          return response.json();
        })
        .then(function (data) {
          if (asked !== latest) return; // a later keystroke's answer will draw instead
          var results = document.getElementById(form.dataset.results);
          if (results) draw(results, data);
          if (status) status.textContent = countText(data) + ".";
        })
        .catch(function () {
          if (status) status.textContent = "Search did not work: press Search to try again.";
        });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(search, WAIT_MS);
    });
    // Words typed before this script arrived (a slow connection) are searched at once.
    if (input.value.trim() && input.value !== input.defaultValue) search();
  });
})();
