/**
 * A self-contained, browsable page for the OpenAPI document (no CDN: the machines serving it may
 * have no internet). The script is served from its own path so the CSP can forbid inline scripts.
 */
export const DOCS_HTML = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>开放数据接口 · Open data API — EcoGov</title>
<style>
body{font-family:system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;max-width:960px;margin:0 auto;padding:1rem;color:#1a2b3c;line-height:1.5}
h1{font-size:1.5rem}code,pre{font-family:ui-monospace,Menlo,Consolas,monospace;background:#f3f5f7;border-radius:4px}
pre{padding:.75rem;overflow:auto;font-size:.85rem}section{border:1px solid #d5dbe1;border-radius:6px;padding:.75rem 1rem;margin:1rem 0}
.get{background:#0b6b3a;color:#fff;padding:.1rem .4rem;border-radius:3px;font-weight:600;margin-right:.5rem}
button{font:inherit;padding:.3rem .8rem;border:1px solid #0b5cad;background:#0b5cad;color:#fff;border-radius:4px;cursor:pointer}
</style>
</head>
<body>
<header><h1>开放数据接口 <small>Open data API</small></h1>
<p>只读、无需登录、JSON 格式。机器可读的接口描述：<a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI 3.1).</p></header>
<main id="routes" aria-live="polite">加载中… Loading…</main>
<script src="/api/docs.js"></script>
</body></html>`;

export const DOCS_JS = `(async function () {
  const main = document.getElementById("routes");
  const spec = await (await fetch("/api/v1/openapi.json")).json();
  main.textContent = "";
  for (const [path, ops] of Object.entries(spec.paths)) {
    const op = ops.get;
    const s = document.createElement("section");
    const h = document.createElement("h2");
    h.innerHTML = '<span class="get">GET</span><code></code>';
    h.querySelector("code").textContent = path;
    const p = document.createElement("p");
    p.textContent = op.summary;
    const params = document.createElement("p");
    params.textContent = op.parameters.length ? "参数 Parameters: " + op.parameters.map((x) => x.name + (x.required ? " (必填 required)" : "")).join(", ") : "无参数 No parameters";
    const schema = document.createElement("details");
    schema.innerHTML = "<summary>响应结构 Response schema</summary><pre></pre>";
    schema.querySelector("pre").textContent = JSON.stringify(op.responses["200"].content["application/json"].schema, null, 2);
    const btn = document.createElement("button");
    btn.textContent = "试一试 Try it";
    const out = document.createElement("pre");
    out.hidden = true;
    btn.onclick = async () => {
      const r = await fetch(path);
      out.hidden = false;
      out.textContent = r.status + "\\n" + JSON.stringify(await r.json(), null, 2);
    };
    s.append(h, p, params, schema, btn, out);
    main.append(s);
  }
})();`;
