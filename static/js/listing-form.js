/* VNTX listing form: checks fields as people leave them and before the form is sent, and
   counts characters in the long texts. Progressive enhancement only: the server checks
   everything again and stays the authority; without this file the form works the same.
   Messages come from the form's data-msg-* attributes, so they are translated by Django. */
(function () {
  "use strict";

  var form = document.querySelector("form[data-listing-form]");
  if (!form) {
    return;
  }

  function message(name, values) {
    var text = form.getAttribute("data-msg-" + name) || "";
    return text.replace(/\{(\w+)\}/g, function (match, key) {
      return values && Object.prototype.hasOwnProperty.call(values, key) ? values[key] : match;
    });
  }

  function byId(id) {
    return id ? document.getElementById(id) : null;
  }

  function describe(element, id) {
    var ids = (element.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
    if (ids.indexOf(id) === -1) {
      ids.push(id);
      element.setAttribute("aria-describedby", ids.join(" "));
    }
  }

  // Characters as the server counts them (code points, not UTF-16 units; \r\n as one).
  function length(value) {
    return Array.from(value.replace(/\r\n/g, "\n").trim()).length;
  }

  function todayIso() {
    var now = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  }

  // "1.200.000.000", "1 200 000 000 ₫" -> 1200000000; "" -> null; anything else -> NaN.
  function amount(value) {
    var text = value.replace(/[\s.,_₫]|vnd|đồng|đ/gi, "");
    if (!text) {
      return null;
    }
    return /^\d{1,20}$/.test(text) ? Number(text) : NaN;
  }

  /* Every check owns one message slot: an aria-live paragraph placed in the field's
     container when the page loads (live regions must exist before their text changes). */
  var checks = [];

  function addCheck(key, controls, anchor, test, describedElements) {
    if (!controls.length) {
      return;
    }
    var container = anchor.closest(".field") || anchor.parentNode;
    var slot = document.createElement("p");
    slot.id = key + "_live";
    slot.className = "field-error live-error";
    slot.setAttribute("aria-live", "polite");
    container.appendChild(slot);
    var described = describedElements || (anchor.matches("fieldset") ? [anchor] : controls);
    described.forEach(function (element) { describe(element, slot.id); });
    var check = { key: key, controls: controls, slot: slot, test: test, described: described };
    checks.push(check);
    controls.forEach(function (control) {
      var run = function () { validate(check); };
      control.addEventListener("blur", run);
      control.addEventListener("change", run);
      control.addEventListener("input", function () {
        if (check.slot.textContent) {
          validate(check);  // clear the message as soon as the problem is fixed
        }
      });
    });
  }

  function validate(check) {
    var problem = check.test() || "";
    if (check.slot.textContent !== problem) {
      check.slot.textContent = problem;
    }
    check.described.forEach(function (element) {
      if (problem) {
        element.setAttribute("aria-invalid", "true");
      } else if (element.getAttribute("data-live-invalid") === "true") {
        element.removeAttribute("aria-invalid");
      }
      element.setAttribute("data-live-invalid", problem ? "true" : "false");
    });
    return !problem;
  }

  // Required texts, with a character counter where the format sets a limit.
  Array.prototype.forEach.call(
    form.querySelectorAll("input[type=text][data-required], textarea[data-required], " +
      "input[type=text][data-maxlength], textarea[data-maxlength]"),
    function (control) {
      var required = control.hasAttribute("data-required");
      var limit = Number(control.getAttribute("data-maxlength")) || 0;
      if (limit) {
        var counter = document.createElement("p");
        counter.id = control.id + "_counter";
        counter.className = "char-counter";
        control.insertAdjacentElement("afterend", counter);
        describe(control, counter.id);
        var update = function () {
          var count = length(control.value);
          counter.textContent = message("counter", { count: count, limit: limit });
          counter.classList.toggle("char-counter--over", count > limit);
        };
        control.addEventListener("input", update);
        update();
      }
      addCheck(control.id, [control], control, function () {
        var count = length(control.value);
        if (required && count === 0) {
          return message("required");
        }
        if (limit && count > limit) {
          return message("too-long", { limit: limit, count: count });
        }
        return "";
      });
    }
  );

  // At least one sector.
  var sectors = byId("id_sectors");
  if (sectors) {
    addCheck("id_sectors", [sectors], sectors, function () {
      return sectors.selectedOptions.length ? "" : message("sectors");
    });
  }

  // A TRL chosen among the radio buttons.
  var trlRadios = Array.prototype.slice.call(form.querySelectorAll("input[type=radio][name=trl]"));
  var trlGroup = byId("id_trl_group");
  if (trlRadios.length && trlGroup) {
    addCheck("id_trl", trlRadios, trlGroup, function () {
      return trlRadios.some(function (radio) { return radio.checked; }) ? "" : message("trl");
    });
  }

  // Prices: whole numbers, minimum not above maximum.
  var priceMin = byId("id_price_min");
  var priceMax = byId("id_price_max");
  if (priceMin && priceMax) {
    addCheck("id_price_min", [priceMin], priceMin, function () {
      return isNaN(amount(priceMin.value)) ? message("number") : "";
    });
    addCheck("id_price_max", [priceMax, priceMin], priceMax, function () {
      var low = amount(priceMin.value);
      var high = amount(priceMax.value);
      if (isNaN(high)) {
        return message("number");
      }
      if (low !== null && high !== null && !isNaN(low) && low > high) {
        return message("price");
      }
      return "";
    }, [priceMax]);
  }

  // A deadline, if given, not in the past.
  var deadline = byId("id_deadline");
  if (deadline) {
    addCheck("id_deadline", [deadline], deadline, function () {
      return deadline.value && deadline.value < todayIso() ? message("deadline") : "";
    });
  }

  var summary = form.querySelector("[data-live-summary]");
  form.addEventListener("submit", function (event) {
    var firstInvalid = null;
    checks.forEach(function (check) {
      if (!validate(check) && !firstInvalid) {
        firstInvalid = check.controls[0];
      }
    });
    if (firstInvalid) {
      event.preventDefault();
      if (summary) {
        summary.textContent = message("summary");
      }
      firstInvalid.focus();
    } else if (summary) {
      summary.textContent = "";
    }
  });
})();
