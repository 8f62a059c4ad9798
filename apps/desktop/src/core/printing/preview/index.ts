export { PREVIEW_CSS, previewFragment, previewPage, renderPreviewHtml } from './html';
export { logoSvg, qrSvg } from './svg';
