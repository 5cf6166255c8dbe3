/**
 * A form's values kept on the device while it is being filled, so a closed tab, a reload or a
 * dead battery loses nothing. Values are what FormData holds: a string, or several for one name.
 */
export type FormValues = Record<string, string | string[]>;

export type Draft = { values: FormValues; savedAt: number };

function key(name: string, userId: number) {
  return `hadina.draft.${name}.${userId}`;
}

export function readDraft(name: string, userId: number): Draft | null {
  try {
    const raw = localStorage.getItem(key(name, userId));
    return raw ? (JSON.parse(raw) as Draft) : null;
  } catch {
    return null;
  }
}

export function writeDraft(name: string, userId: number, values: FormValues): void {
  try {
    localStorage.setItem(key(name, userId), JSON.stringify({ values, savedAt: Date.now() }));
  } catch {
    /* storage full or refused: the form still works, only without a draft */
  }
}

export function clearDraft(name: string, userId: number): void {
  try {
    localStorage.removeItem(key(name, userId));
  } catch {
    /* nothing kept */
  }
}

/** The form's values by name; names given several times (checkboxes) as lists. */
export function readForm(form: HTMLFormElement, multiple: readonly string[]): FormValues {
  const data = new FormData(form);
  const values: FormValues = {};
  for (const name of new Set(data.keys())) {
    if (name.startsWith("$")) continue;
    values[name] = multiple.includes(name)
      ? data.getAll(name).map(String)
      : String(data.get(name) ?? "");
  }
  for (const name of multiple) values[name] ??= [];
  return values;
}

/** Puts values back into a form's native controls. */
export function fillForm(form: HTMLFormElement, values: FormValues): void {
  for (const element of Array.from(form.elements)) {
    const control = element as HTMLInputElement;
    if (!control.name || !(control.name in values) || control.type === "hidden") continue;
    const value = values[control.name];
    if (control.type === "checkbox" || control.type === "radio") {
      control.checked = Array.isArray(value)
        ? value.includes(control.value)
        : value === control.value;
    } else if (typeof value === "string") {
      control.value = value;
    }
  }
}
