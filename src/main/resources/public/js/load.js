// Scripts and stylesheets fetched when first needed rather than with the page.

const loads = new Map();

/** Resolves once the script has run; it is fetched once, or again after a failure. */
export function loadScript(src) {
  return once(src, "script", { src }, (script) => document.head.append(script));
}

/** Resolves once the stylesheet applies; it is fetched once, or again after a failure. */
export function loadStylesheet(href) {
  // Ahead of the page's own stylesheet, so the page's rules still win where both set something.
  const first = document.head.querySelector('link[rel="stylesheet"]');
  return once(href, "link", { rel: "stylesheet", href }, (link) => document.head.insertBefore(link, first));
}

function once(url, tag, properties, place) {
  if (!loads.has(url)) {
    loads.set(url, new Promise((resolve, reject) => {
      const node = Object.assign(document.createElement(tag), properties);
      node.onload = () => resolve();
      node.onerror = () => {
        loads.delete(url);
        node.remove();
        reject(new Error(url + " did not load"));
      };
      place(node);
    }));
  }
  return loads.get(url);
}
