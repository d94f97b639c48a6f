// Nothing typed is lost. A form marked data-autosave is saved to the server every 20 s while
// it changes, when focus leaves a field and when the tab is hidden, through the same checks
// as its own button; each save also keeps the sign-in alive. Meanwhile what is typed is kept
// in this tab's sessionStorage (never a cookie, a URL or a log), so that a sign-in or a page
// that expired gives it back once the form is opened again. A form marked data-keep-typed
// only has its typing kept and given back that way, never sent on its own. Only an
// enhancement: without JavaScript the forms' own buttons work as before.
(function () {
  "use strict";
  var PREFIX = "echo-typed:";
  var EVERY_MS = 20000;
  var KEEPALIVE_LIMIT = 60000; // a keepalive request may carry 64 KB at most
  var store = window.sessionStorage;
  var meta = function (name) {
    var tag = document.querySelector('meta[name="' + name + '"]');
    return tag ? tag.getAttribute("content") : "";
  };
  var user = meta("echo-user");
  if (!store || !user || !window.fetch || !window.FormData) { return; }

  var forget = meta("echo-forget-typed");
  if (forget) { store.removeItem(PREFIX + forget); }
  // Signing out on purpose: nothing of this person's typing stays in the tab.
  document.querySelectorAll('form[action$="/logout"]').forEach(function (form) {
    form.addEventListener("submit", function () {
      for (var i = store.length - 1; i >= 0; i -= 1) {
        var name = store.key(i);
        if (name && name.indexOf(PREFIX) === 0) { store.removeItem(name); }
      }
    });
  });

  // What is typed into `form`, kept in this tab under the form's own key for this person.
  // `base` gives the server version the typing started from: a copy kept from another
  // version is dropped, since the page now shows something newer.
  function keeper(form, formKey, base, skip) {
    var key = PREFIX + user + ":" + formKey;
    function fields() {
      return Array.prototype.filter.call(form.elements, function (el) {
        return el.name && el.name !== "csrf_token" && el.name !== skip
          && el.type !== "submit" && el.type !== "button" && el.type !== "hidden";
      });
    }
    return {
      keep: function () {
        var values = {};
        fields().forEach(function (el) { values[el.name] = el.value; });
        try {
          store.setItem(key, JSON.stringify({ base: base(), values: values }));
        } catch (full) { /* storage full or refused: the page's own copy still stands */ }
      },
      // Puts back what was kept; true if that changed what the form shows.
      restore: function () {
        var kept;
        try { kept = JSON.parse(store.getItem(key) || "null"); } catch (broken) { kept = null; }
        if (!kept || !kept.values) { return false; }
        if (kept.base !== base()) { store.removeItem(key); return false; }
        var changed = false;
        fields().forEach(function (el) {
          if (Object.prototype.hasOwnProperty.call(kept.values, el.name)
              && kept.values[el.name] !== el.value) {
            el.value = kept.values[el.name];
            changed = true;
          }
        });
        return changed;
      },
      // From here on the form is kept under another key (a draft that now exists).
      rekey: function (next) {
        store.removeItem(key);
        key = PREFIX + user + ":" + next;
      },
    };
  }
  function nothingSaved() { return ""; }

  // A workflow action is one step: nothing to save before it, only the typing to keep until
  // it is taken (the page after it tells this script to forget it).
  document.querySelectorAll("form[data-keep-typed]").forEach(function (form) {
    var typed = keeper(form, form.getAttribute("data-keep-typed"), nothingSaved, "");
    form.addEventListener("input", typed.keep);
    form.addEventListener("change", typed.keep);
    form.addEventListener("submit", typed.keep);
    typed.restore();
  });

  document.querySelectorAll("form[data-autosave]").forEach(function (form) {
    var url = form.getAttribute("data-autosave");
    var versionName = form.getAttribute("data-autosave-version");
    var status = form.querySelector("[data-autosave-status]");
    var dirty = false, saving = false, stopped = false, submitting = false;
    var waitingSubmit = null; // a press of the form's own button made while a save was out

    function say(text, link) {
      if (!status) { return; }
      status.textContent = text;
      if (link) {
        var a = document.createElement("a");
        a.href = link.href;
        a.textContent = link.text;
        status.appendChild(document.createTextNode(" "));
        status.appendChild(a);
        status.appendChild(document.createTextNode("."));
      }
    }
    function base() {
      var input = form.elements.namedItem(versionName);
      return input && input.value ? input.value : "";
    }
    var typed = keeper(form, form.getAttribute("data-autosave-key"), base, versionName);
    var keep = typed.keep;
    function restore() {
      if (typed.restore()) {
        dirty = true;
        say("Restored what you typed earlier in this tab. Saving it now…");
        save(false);
      }
    }
    function setHidden(name, value) {
      var input = form.elements.namedItem(name);
      if (!input) {
        input = document.createElement("input");
        input.type = "hidden";
        input.name = name;
        form.insertBefore(input, form.firstChild);
      }
      input.value = value;
    }
    function size(data) {
      var total = 0;
      data.forEach(function (value) { total += String(value).length; });
      return total;
    }
    function saved(answer) {
      Object.keys(answer.fields || {}).forEach(function (name) {
        setHidden(name, answer.fields[name]);
      });
      if (answer.url) {
        // The new case now exists: this form edits it from here on, under its own key.
        typed.rekey(answer.key);
        url = answer.autosave;
        form.action = answer.url;
        window.history.replaceState(null, "", answer.url);
      }
      keep();
      var at = new Date(answer.saved_at);
      say("Saved at " + at.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }) + ".");
    }
    function refused(response) {
      var back = window.location.pathname;
      if (response.status === 401) {
        stopped = true;
        say("Not saved: your sign-in has expired. What you typed is kept in this tab:",
            { href: "/login?next=" + encodeURIComponent(back), text: "sign in again to save it" });
        return null;
      }
      if (response.status === 400) {
        stopped = true;
        say("Not saved: this page has expired. What you typed is kept in this tab:",
            { href: back, text: "open the form again to save it" });
        return null;
      }
      return response.json().then(function (problem) {
        var details = Object.keys(problem.fields || {}).map(function (name) {
          return problem.fields[name];
        });
        say("Not saved yet: " + [problem.error].concat(details).join(" "));
      }, function () { say("Not saved yet: the server refused it."); });
    }
    // The form says where its typing stands (data-autosave-state: dirty, saving, saved), so
    // that a page, or a test, can wait for the last save instead of guessing.
    function mark() {
      form.setAttribute("data-autosave-state", saving ? "saving" : dirty ? "dirty" : "saved");
    }
    function save(leaving) {
      if (!dirty || saving || stopped || submitting) { return; }
      saving = true;
      dirty = false;
      mark();
      var data = new FormData(form);
      fetch(url, {
        method: "POST", body: data, credentials: "same-origin",
        headers: { "Accept": "application/json" },
        keepalive: leaving && size(data) < KEEPALIVE_LIMIT,
      }).then(function (response) {
        if (response.ok) { return response.json().then(saved); }
        return refused(response);
      }, function () {
        dirty = true;
        say("Not saved: the server cannot be reached. What you typed is kept in this tab, "
            + "and is saved when the connection is back.");
      }).then(function () {
        saving = false;
        mark();
        if (waitingSubmit) {
          // Now the form carries the version this save made: send it as it was pressed.
          var pressed = waitingSubmit;
          waitingSubmit = null;
          if (form.requestSubmit) {
            form.requestSubmit(pressed.button);
          } else {
            form.submit();
          }
        } else if (dirty && !stopped) {
          save(false); // typed while this save was out: save it now, not at the next tick
        }
      });
    }

    form.addEventListener("input", function () { dirty = true; mark(); keep(); });
    form.addEventListener("change", function () { dirty = true; mark(); keep(); });
    form.addEventListener("focusout", function (event) {
      var next = event.relatedTarget;
      if (next && next.form === form && next.type === "submit") { return; } // it saves anyway
      save(false);
    });
    form.addEventListener("submit", function (event) {
      keep();
      if (saving) {
        // Sent now, the form would carry the version from before this save, and be refused.
        event.preventDefault();
        waitingSubmit = { button: event.submitter || null };
        return;
      }
      submitting = true; // no autosave races the form's own post (nor the page leaving)
    });
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") { save(true); }
    });
    window.addEventListener("pageshow", function (event) {
      if (event.persisted) { submitting = false; } // back to this page from the history
    });
    window.setInterval(function () { save(false); }, EVERY_MS);
    restore();
  });
}());
