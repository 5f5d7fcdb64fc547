import type { BilingualText, FieldError } from "@ecogov/domain";
import { computed, nextTick, ref } from "vue";
import { fieldErrorsByPath, toUiError } from "./errors";
import { useLocale } from "./use-locale";

const FIX_FIELDS: BilingualText = { zh: "请修正标出的字段后再提交。", en: "Please correct the marked fields and submit again." };

/**
 * Error state of one form: a summary for the top of the form and a message per field, from client
 * validation or from the API's `domainError.details.fieldErrors`, shown in the current language.
 * `labels` maps field paths to their visible labels so messages name the field as the user sees it.
 */
export function useFormErrors(labels: () => Readonly<Record<string, string>> = () => ({})) {
  const { locale, pick } = useLocale();
  const fieldErrors = ref<FieldError[]>([]);
  const summaryText = ref<BilingualText | null>(null);

  const byPath = computed(() => fieldErrorsByPath(fieldErrors.value, locale.value, labels()));
  const summary = computed(() => (summaryText.value ? pick(summaryText.value) : null));
  /** Errors whose path no field of the form shows (e.g. "(input)"): listed under the summary. */
  const unplaced = computed(() =>
    Object.entries(byPath.value)
      .filter(([path]) => !(path in labels()))
      .map(([, message]) => message),
  );

  function errorFor(path: string): string | null {
    return byPath.value[path] ?? null;
  }

  function clear() {
    fieldErrors.value = [];
    summaryText.value = null;
  }

  /** Shows client-side validation errors and moves focus to the first invalid field. */
  function showValidation(errors: FieldError[]) {
    fieldErrors.value = errors;
    summaryText.value = FIX_FIELDS;
    void focusFirstInvalid();
  }

  /** Shows an error returned by the API: its text as the summary, its field errors per field. */
  function showServerError(err: unknown) {
    const ui = toUiError(err);
    fieldErrors.value = ui.fieldErrors;
    summaryText.value = ui.text;
    if (ui.fieldErrors.length) void focusFirstInvalid();
  }

  return { errorFor, summary, unplaced, clear, showValidation, showServerError, fieldErrors };
}

async function focusFirstInvalid() {
  await nextTick();
  const el = document.querySelector<HTMLElement>('[aria-invalid="true"]');
  el?.focus();
}
