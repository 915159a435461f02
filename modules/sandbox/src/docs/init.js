// Renders /docs/openapi.json with Swagger UI (swagger-ui-dist, served by the sandbox from node_modules).
// validatorUrl: null keeps the page from asking swagger.io to validate the document: nothing leaves localhost.
SwaggerUIBundle({
    url: "/docs/openapi.json",
    dom_id: "#docs",
    deepLinking: true,
    displayOperationId: true,
    showExtensions: true,
    filter: true,
    validatorUrl: null,
    onComplete: () => {
        document.body.dataset.rendered = "true";
    },
});
