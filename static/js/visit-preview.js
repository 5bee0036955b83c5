// Live feedback on the visit form (progressive enhancement: the form works without it).
// On each change it posts the form to the preview endpoint, which saves nothing, and shows the
// derived values and every set's provisional category it returns. All arithmetic is the server's.
(function () {
  "use strict";
  var form = document.querySelector("form[data-preview-url]");
  var panel = document.getElementById("preview-panel");
  if (!form || !panel || !window.fetch) { return; }
  var timer = null;
  var pending = null;
  function refresh() {
    if (pending) { pending.abort(); }
    pending = new AbortController();
    fetch(form.dataset.previewUrl, {method: "POST", body: new FormData(form), credentials: "same-origin",
                                    headers: {"X-Requested-With": "fetch"}, signal: pending.signal})
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) { if (html !== null) { panel.innerHTML = html; } })
      .catch(function () { /* aborted or offline: keep the last panel */ });
  }
  function later() { clearTimeout(timer); timer = setTimeout(refresh, 250); }
  form.addEventListener("input", later);
  form.addEventListener("change", later);
  panel.hidden = false;
  refresh();
}());
