import { createRequire } from "node:module";
import type { Plugin } from "vite";

/**
 * Compiles the portal's locale messages (`src/locales/**\/*.json`) to vue-i18n's message AST at
 * build time, so the browser bundle can leave out vue-i18n's message compiler
 * (`__INTLIFY_DROP_MESSAGE_COMPILER__`, about 17 kB minified). The same thing
 * @intlify/unplugin-vue-i18n does, in a few lines, using the compiler vue-i18n itself depends on.
 */
type Compile = (source: string, options: { jit: true; minify: boolean; location: false; onError(e: Error): void }) => { ast: unknown };

function loadCompiler(): Compile {
  const fromHere = createRequire(import.meta.url);
  const fromVueI18n = createRequire(fromHere.resolve("vue-i18n"));
  const fromCoreBase = createRequire(fromVueI18n.resolve("@intlify/core-base"));
  return (fromCoreBase("@intlify/message-compiler") as { baseCompile: Compile }).baseCompile;
}

export function compileMessages(messages: unknown, compile: Compile = loadCompiler(), path: string[] = []): unknown {
  if (typeof messages === "string") {
    const errors: string[] = [];
    const { ast } = compile(messages, { jit: true, minify: true, location: false, onError: (e) => errors.push(e.message) });
    if (errors.length) throw new Error(`Invalid message at "${path.join(".")}": ${errors.join("; ")}`);
    return ast;
  }
  if (Array.isArray(messages)) return messages.map((m, i) => compileMessages(m, compile, [...path, String(i)]));
  if (typeof messages === "object" && messages !== null) {
    return Object.fromEntries(Object.entries(messages).map(([k, v]) => [k, compileMessages(v, compile, [...path, k])]));
  }
  return messages;
}

export function precompileMessages(): Plugin {
  const compile = loadCompiler();
  return {
    name: "ecogov:precompile-messages",
    enforce: "pre",
    transform(code, id) {
      if (!/[\\/]src[\\/]locales[\\/].+\.json$/.test(id)) return null;
      // Output stays JSON (an AST is plain data), so Vite's own JSON handling runs unchanged after this.
      return { code: JSON.stringify(compileMessages(JSON.parse(code), compile)), map: null };
    },
  };
}
