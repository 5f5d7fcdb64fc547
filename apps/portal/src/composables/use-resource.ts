import { computed, shallowRef, type Ref } from "vue";
import { toApiError, type ApiError } from "../api";

export interface Resource<T> {
  data: Ref<T | undefined>;
  error: Ref<ApiError | null>;
  loading: Ref<boolean>;
  reload(): Promise<void>;
}

/**
 * Loads one API resource for a component: data, a bilingual error, a loading flag, and `reload`
 * for the "try again" button. Starts loading immediately.
 */
export function useResource<T>(load: () => Promise<T>): Resource<T> {
  const data = shallowRef<T>();
  const error = shallowRef<ApiError | null>(null);
  const pending = shallowRef(0);
  async function reload() {
    pending.value++;
    error.value = null;
    try {
      data.value = await load();
    } catch (e) {
      error.value = toApiError(e);
    } finally {
      pending.value--;
    }
  }
  void reload();
  return { data, error, loading: computed(() => pending.value > 0), reload };
}
