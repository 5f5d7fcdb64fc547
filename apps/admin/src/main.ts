import "@ecogov/ui/tokens.css";
import "./styles/app.css";
import { VueQueryPlugin } from "@tanstack/vue-query";
import { createApp } from "vue";
import App from "./App.vue";
import { i18n } from "./i18n";
import { queryClient } from "./query";
import { router } from "./router";

document.documentElement.lang = String(i18n.global.locale.value);

createApp(App).use(i18n).use(router).use(VueQueryPlugin, { queryClient }).mount("#app");
