/* VNTX search: autocomplete for the header search box (progressive enhancement).

   Without this file the box is a plain GET form to the search page. With it, the input becomes
   an ARIA 1.2 combobox: typing (debounced) fetches /api/v1/search/suggest/?q= and shows up to
   10 listings in a listbox; ArrowDown/ArrowUp move through them, Enter opens the active one
   (or submits the search when none is active), Escape closes the list (a second Escape clears
   the box), and each suggestion is a link to the listing's page. Suggestion text is inserted
   with textContent, never as HTML. */
(function () {
  "use strict";

  var input = document.querySelector("input[data-suggest-url]");
  if (!input || !window.fetch) {
    return;
  }

  var MIN_LENGTH = 2;
  var DELAY_MS = 200;
  var url = input.getAttribute("data-suggest-url");
  var labels = {
    offer: input.getAttribute("data-label-offer") || "offer",
    need: input.getAttribute("data-label-need") || "need"
  };
  var listId = input.id + "-suggestions";
  var statusId = input.id + "-suggestions-status";
  var timer = null;
  var controller = null;
  var items = [];
  var active = -1;
  var lastQuery = "";

  var list = document.createElement("ul");
  list.id = listId;
  list.className = "suggestions";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", input.getAttribute("data-label-list") || "Suggestions");
  list.hidden = true;

  var status = document.createElement("div");
  status.id = statusId;
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");

  var form = input.form;
  form.classList.add("has-suggestions");
  form.appendChild(list);
  form.appendChild(status);

  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", listId);
  input.setAttribute("autocomplete", "off");

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function setActive(index) {
    items.forEach(function (item, i) {
      item.element.setAttribute("aria-selected", i === index ? "true" : "false");
      item.element.classList.toggle("is-active", i === index);
    });
    active = index;
    if (index >= 0) {
      input.setAttribute("aria-activedescendant", items[index].element.id);
      items[index].element.scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function render(suggestions) {
    list.textContent = "";
    items = suggestions.map(function (suggestion, i) {
      var option = document.createElement("li");
      option.id = listId + "-" + i;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      var link = document.createElement("a");
      link.href = suggestion.url;
      link.tabIndex = -1;
      var title = document.createElement("span");
      title.className = "suggestions__title";
      title.textContent = suggestion.text;
      var kind = document.createElement("span");
      kind.className = "suggestions__kind";
      kind.textContent = labels[suggestion.kind] || suggestion.kind;
      link.appendChild(title);
      link.appendChild(kind);
      option.appendChild(link);
      list.appendChild(option);
      return { element: option, url: suggestion.url };
    });
    active = -1;
    if (items.length) {
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    } else {
      close();
    }
    var template = items.length
      ? input.getAttribute("data-label-count") || "%s"
      : input.getAttribute("data-label-none") || "";
    status.textContent = template.replace("%s", String(items.length));
  }

  function fetchSuggestions(query) {
    if (controller) {
      controller.abort();
    }
    controller = window.AbortController ? new AbortController() : null;
    var options = {
      headers: { Accept: "application/json", "Accept-Language": document.documentElement.lang },
      credentials: "same-origin"
    };
    if (controller) {
      options.signal = controller.signal;
    }
    window
      .fetch(url + "?q=" + encodeURIComponent(query), options)
      .then(function (response) {
        return response.ok ? response.json() : [];
      })
      .then(function (data) {
        if (query === input.value.trim() && Array.isArray(data)) {
          render(data);
        }
      })
      .catch(function () {
        /* Aborted or offline: the form still submits to the search page. */
      });
  }

  input.addEventListener("input", function () {
    var query = input.value.trim();
    window.clearTimeout(timer);
    if (query.length < MIN_LENGTH) {
      lastQuery = "";
      if (controller) {
        controller.abort();
      }
      render([]);
      status.textContent = "";
      return;
    }
    if (query === lastQuery) {
      return;
    }
    timer = window.setTimeout(function () {
      lastQuery = query;
      fetchSuggestions(query);
    }, DELAY_MS);
  });

  input.addEventListener("keydown", function (event) {
    var open = !list.hidden && items.length > 0;
    if (event.key === "ArrowDown") {
      if (!open && items.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
      }
      if (items.length) {
        event.preventDefault();
        setActive(active + 1 >= items.length ? 0 : active + 1);
      }
    } else if (event.key === "ArrowUp") {
      if (open) {
        event.preventDefault();
        setActive(active <= 0 ? items.length - 1 : active - 1);
      }
    } else if (event.key === "Enter") {
      if (open && active >= 0) {
        event.preventDefault();
        window.location.assign(items[active].url);
      }
    } else if (event.key === "Escape") {
      if (open) {
        event.preventDefault();
        close();
      } else if (input.value) {
        input.value = "";
        lastQuery = "";
      }
    } else if (event.key === "Tab") {
      close();
    }
  });

  input.addEventListener("blur", function () {
    // Later than a click on a suggestion, which follows its link.
    window.setTimeout(function () {
      if (!form.contains(document.activeElement)) {
        close();
      }
    }, 150);
  });

  list.addEventListener("mousedown", function (event) {
    event.preventDefault(); // keep the focus in the input while the link is followed
  });
  list.addEventListener("click", function (event) {
    var link = event.target.closest("a");
    if (link) {
      window.location.assign(link.href);
    }
  });

  document.addEventListener("click", function (event) {
    if (!form.contains(event.target)) {
      close();
    }
  });
})();
