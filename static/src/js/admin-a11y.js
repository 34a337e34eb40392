// Accessibility fixes for markup the admin's own scripts make (loaded on every admin page by
// templates/admin/base_site.html). The admin's behaviour is unchanged:
// - select2 (autocomplete fields): the inline search box gets a label, and the "remove all"
//   cross moves out of the list of choices (a <ul> may hold only <li>); select2 finds it
//   again by class (and keeps its data on the element), so clearing still works.
// - SelectFilter2 (two-box pickers): the search icon's aria-label needs role="img".
// - Tabular inlines scroll sideways on a phone (the admin's responsive CSS): each becomes a
//   focusable, named region, so the keyboard can scroll it too.
function labelFor(container) {
  const select = container.previousElementSibling;
  const label = select && select.id ? document.querySelector(`label[for="${select.id}"]`) : null;
  return label ? label.textContent.replace(/:\s*$/, "").trim() : "";
}

// select2 puts a new cross in the list each time the choices change: keep only that one.
function moveClear(selection) {
  const fresh = selection.querySelector("ul.select2-selection__rendered > .select2-selection__clear");
  const hasChoices = selection.querySelector(".select2-selection__choice") !== null;
  if (fresh || !hasChoices) {
    selection.querySelectorAll(":scope > .select2-selection__clear").forEach((old) => old.remove());
  }
  if (fresh) {
    selection.appendChild(fresh);
  }
}

function fix(root) {
  root.querySelectorAll(".select2-container").forEach((container) => {
    const name = labelFor(container);
    container.querySelectorAll(".select2-search__field:not([aria-label])").forEach((input) => {
      input.setAttribute("aria-label", name ? `Search ${name}` : "Search");
    });
    container.querySelectorAll(".select2-selection--multiple").forEach(moveClear);
  });
  root.querySelectorAll(".inline-group:not([tabindex])").forEach((group) => {
    const heading = group.querySelector("h2");
    group.setAttribute("tabindex", "0");
    group.setAttribute("role", "region");
    group.setAttribute("aria-label", heading ? heading.textContent.trim() : "Related items");
  });
  root.querySelectorAll(".help-tooltip[aria-label]:not([role])").forEach((icon) => {
    icon.setAttribute("role", "img");
  });
}

function start() {
  fix(document);
  new MutationObserver(() => fix(document)).observe(document.body, {
    childList: true,
    subtree: true,
  });
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", start);
} else {
  start();
}
