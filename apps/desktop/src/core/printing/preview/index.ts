export { PREVIEW_CSS, previewFragment, renderPreviewHtml } from './html';
