import type { Plugin } from "vite";

/**
 * Adds `<link rel="modulepreload">` to index.html for lazily loaded chunks that the first page
 * view needs anyway (the home page, the response validators), so a slow phone downloads them
 * in parallel with the entry instead of one round trip after it.
 */
export function preloadChunks(modules: string[]): Plugin {
  return {
    name: "ecogov:preload-chunks",
    apply: "build",
    transformIndexHtml: {
      order: "post",
      handler(_html, ctx) {
        if (!ctx.bundle) return [];
        const files = new Set<string>();
        const add = (fileName: string) => {
          const chunk = ctx.bundle![fileName];
          if (!chunk || chunk.type !== "chunk" || files.has(fileName) || chunk.isEntry) return;
          files.add(fileName);
          chunk.imports.forEach(add);
        };
        for (const chunk of Object.values(ctx.bundle)) {
          if (chunk.type === "chunk" && chunk.facadeModuleId && modules.some((m) => chunk.facadeModuleId!.replace(/\\/g, "/").endsWith(m))) add(chunk.fileName);
        }
        return [...files].map((f) => ({ tag: "link", attrs: { rel: "modulepreload", crossorigin: true, href: `/${f}` }, injectTo: "head" as const }));
      },
    },
  };
}
