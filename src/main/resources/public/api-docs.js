// The arena's OpenAPI document, browsable. A file of its own: the page's policy forbids inline scripts.
window.addEventListener("DOMContentLoaded", () => {
  SwaggerUIBundle({ url: "/api/openapi.yaml", dom_id: "#api", deepLinking: true });
});
