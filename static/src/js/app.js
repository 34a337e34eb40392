// Starts every NHS.UK frontend component on the page (header, error summary,
// notification banners, password inputs, buttons and so on).
//
// The build copies NHS.UK frontend's ES module bundle next to this file, so the
// relative import works from /static/dist/js/ without a bundler. Browsers that
// don't support ES modules skip this script and get the no-JavaScript experience.
import { initAll } from "./nhsuk-frontend.min.js";

initAll();
