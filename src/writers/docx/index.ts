/** The Word writer's public surface. */
export { writeDocx, createDocxDocument, type DocxOptions } from "./write-docx.js";
export { docxHandlers, type DocxContext, type DocxHandler, type DocxHandlers } from "./handlers.js";
