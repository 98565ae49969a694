// The gateway's contract as written in contracts/, never a description generated from the code.
window.ui = SwaggerUIBundle({
  url: '/contracts/gateway/openapi.yaml',
  dom_id: '#contract',
  deepLinking: true
});
