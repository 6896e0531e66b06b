// Suggestions for a search box (progressive enhancement): an input with data-suggest becomes
// an ARIA 1.2 combobox whose listbox shows page titles from the suggestions endpoint.
// Without JavaScript the box is a plain search field and the form works the same.
(function () {
  "use strict";
  var counter = 0;

  function enhance(input) {
    counter += 1;
    var list = document.createElement("ul");
    list.id = "search-suggestions-" + counter;
    list.className = "search-suggestions";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", input.labels && input.labels[0] ? input.labels[0].textContent : "");
    list.hidden = true;
    input.parentNode.appendChild(list);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("autocomplete", "off");

    var items = [];
    var active = -1;
    var timer = null;
    var latest = 0;

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function choose(index) {
      if (items[index]) { window.location.href = items[index].url; }
    }

    function highlight(index) {
      var options = list.querySelectorAll("[role=option]");
      options.forEach(function (option, position) {
        option.setAttribute("aria-selected", position === index ? "true" : "false");
      });
      active = index;
      if (index >= 0) { input.setAttribute("aria-activedescendant", options[index].id); }
      else { input.removeAttribute("aria-activedescendant"); }
    }

    function render(results) {
      items = results;
      list.textContent = "";
      results.forEach(function (item, index) {
        var option = document.createElement("li");
        option.id = list.id + "-" + index;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        if (item.lang) {
          // A Polish page offered in another language: its title in Polish, then the label.
          var title = document.createElement("span");
          title.lang = item.lang;
          title.textContent = item.title;
          option.appendChild(title);
          option.appendChild(document.createTextNode(" (" + item.label + ")"));
        } else {
          option.textContent = item.title;
        }
        if (item.place) {
          var place = document.createElement("span");
          place.className = "search-suggestions__place";
          place.textContent = " · " + item.place;
          option.appendChild(place);
        }
        option.addEventListener("mousedown", function (event) { event.preventDefault(); choose(index); });
        list.appendChild(option);
      });
      if (results.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
      } else {
        close();
      }
    }

    function fetchSuggestions() {
      var query = input.value.trim();
      if (query.length < 2) { render([]); return; }
      var ticket = ++latest;
      var url = input.getAttribute("data-suggest") + "?q=" + encodeURIComponent(query);
      var scope = input.form && input.form.querySelector("input[name=zakres]");
      if (scope) { url += "&zakres=" + encodeURIComponent(scope.value); }
      var city = input.form && input.form.querySelector("input[name=gmina]");
      if (city) { url += "&gmina=" + encodeURIComponent(city.value); }
      fetch(url, { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) { if (ticket === latest) { render(data.results || []); } })
        .catch(function () { render([]); });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(fetchSuggestions, 200);
    });
    input.addEventListener("keydown", function (event) {
      if (list.hidden) { return; }
      if (event.key === "ArrowDown") { event.preventDefault(); highlight((active + 1) % items.length); }
      else if (event.key === "ArrowUp") { event.preventDefault(); highlight(active <= 0 ? items.length - 1 : active - 1); }
      else if (event.key === "Escape") { close(); }
      else if (event.key === "Enter" && active >= 0) { event.preventDefault(); choose(active); }
    });
    input.addEventListener("blur", function () { window.setTimeout(close, 100); });
  }

  document.querySelectorAll("input[data-suggest]").forEach(enhance);
})();
