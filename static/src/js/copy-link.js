// Progressive enhancement for a guest's private resume link: a "Copy link" button next to
// the read-only input (the button is hidden until this script shows it), and selecting the
// whole link when the input gets focus. Without JavaScript the link can still be selected
// and copied by hand.
//
//   <input id="resume-link" readonly data-app-copy-source>
//   <button type="button" data-app-copy="resume-link" aria-describedby="resume-link-copied" hidden>
//   (optional on the button: data-app-copy-message="what to say once copied")
//   <p id="resume-link-copied" role="status"></p>

async function copyText(input) {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(input.value);
    return;
  }
  input.focus();
  input.select();
  if (!document.execCommand("copy")) {
    throw new Error("copy failed");
  }
}

for (const input of document.querySelectorAll("[data-app-copy-source]")) {
  input.addEventListener("focus", () => input.select());
}

for (const button of document.querySelectorAll("[data-app-copy]")) {
  const input = document.getElementById(button.dataset.appCopy);
  const status = document.getElementById(button.getAttribute("aria-describedby"));
  if (!input) continue;
  button.hidden = false;
  button.addEventListener("click", async () => {
    try {
      await copyText(input);
      if (status) status.textContent = button.dataset.appCopyMessage || "Link copied. Paste it somewhere safe.";
    } catch {
      input.focus();
      input.select();
      if (status) status.textContent = "Your browser could not copy the link. Select it and copy it yourself.";
    }
  });
}
