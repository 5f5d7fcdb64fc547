import { createApp } from "vue";
import App from "./App.vue";
import { createPortalI18n } from "./i18n";
import { createPortalRouter } from "./router";
import "./styles.css";

createApp(App).use(createPortalI18n()).use(createPortalRouter()).mount("#app");
