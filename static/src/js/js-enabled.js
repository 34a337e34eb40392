// First thing in <body>, as NHS.UK frontend's page template does inline: marks the page as
// having JavaScript (and ES module support) before anything renders, so components don't
// flicker. A file, not inline script, so the Content-Security-Policy needs no 'unsafe-inline'.
document.body.className +=
  " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " nhsuk-frontend-supported" : "");
