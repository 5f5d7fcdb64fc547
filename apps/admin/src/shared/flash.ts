import { ref } from "vue";

export interface Flash {
  tone: "success" | "info" | "warning" | "danger";
  text: string;
}

const current = ref<Flash | null>(null);
let keepForNextRoute = false;

/**
 * A one-off message shown at the top of the next page (e.g. "user created" after the form returns
 * to the list), then dropped on the navigation after that.
 */
export function useFlash() {
  return {
    current,
    show(flash: Flash, opts: { acrossNavigation?: boolean } = {}) {
      current.value = flash;
      keepForNextRoute = opts.acrossNavigation ?? false;
    },
    clear() {
      current.value = null;
    },
    /** Called by the layout on every route change. */
    onNavigate() {
      if (keepForNextRoute) keepForNextRoute = false;
      else current.value = null;
    },
  };
}
