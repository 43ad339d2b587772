// User text for HTML-taking APIs (Leaflet tooltips and popups, anything with a `content` that is parsed as HTML):
// an element built from text nodes, so a name like `<img src=x onerror=…>` shows as those characters and never runs.

/**
 * An element holding each line as a text node, lines separated by <br> elements. Pass the result to
 * `bindTooltip`/`bindPopup`/`setContent` instead of a string: Leaflet parses strings as HTML and appends nodes as they are.
 */
export function textContent(...lines: string[]): HTMLElement {
  const element = document.createElement('span');
  lines.forEach((line, i) => {
    if (i > 0) element.appendChild(document.createElement('br'));
    element.appendChild(document.createTextNode(line));
  });
  return element;
}
