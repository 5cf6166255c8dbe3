import { ChoiceSearch, type ChoiceSearchProps } from "@/components/choice-search";

/**
 * The session form's cooperative, when staff have too many to list: a search beside the form
 * (`cooperative_q`) whose matches the form's select then offers.
 */
export function CooperativeSearch({
  editing,
  ...props
}: ChoiceSearchProps & {
  /** On the edit page, searching reloads the page and drops unsaved changes: the hint says so. */
  editing: boolean;
}) {
  return (
    <ChoiceSearch
      kind="cooperative"
      texts={{ title: "title", hint: editing ? "hintEdit" : "hint", none: "none" }}
      boxed
      {...props}
    />
  );
}
