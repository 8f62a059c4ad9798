const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

const CSS = `
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2327;background:#faf8f5}
header{background:#2f4f3a;color:#fff;padding:12px 20px}header a{color:#fff;text-decoration:none;font-weight:700;font-size:20px}
main{max-width:1100px;margin:0 auto;padding:20px}h1{margin:.2em 0}.lead{color:#4a555c;margin-top:0}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(280px,1fr));gap:16px}
.card{display:block;background:#fff;border:1px solid #e6e1da;border-radius:12px;padding:16px;color:inherit;text-decoration:none}
.card:hover,.card:focus{border-color:#2f4f3a;outline:none}.card h2{font-size:18px;margin:0 0 6px}.card p{margin:0 0 8px}
.meta{color:#5c666d;font-size:14px}.open{color:#1e7a3c;font-weight:600}.closed{color:#8a5a00;font-weight:600}
.products{display:grid;grid-template-columns:repeat(auto-fill,minmax(160px,1fr));gap:14px;margin-top:16px}
.product{background:#fff;border:1px solid #e6e1da;border-radius:10px;overflow:hidden}
.product img,.noimg{display:block;width:100%;height:auto;aspect-ratio:1;background:#eee}
.product h3{font-size:15px;margin:8px 10px 2px}.price{margin:0 10px 10px;font-weight:600}.out{color:#a33;font-weight:600}
a{color:#2f4f3a}`;

/** The HTML shell of the interim pages: phone-first, no scripts. */
export function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><style>${CSS}</style></head>
<body><header><a href="/">Makeries</a></header><main>${body}</main></body></html>`;
}
