import { ChoiceSearch, type ChoiceSearchProps } from "@/components/choice-search";

/**
 * Finding the cooperative to assign when there are too many to list: a plain GET form on the
 * mentor's page (`cooperative_q`, back at the section's anchor) that narrows the assignment's
 * choices to the assignable cooperatives matching it.
 */
export function AssignCooperativeSearch(props: ChoiceSearchProps) {
  return (
    <ChoiceSearch
      kind="cooperative"
      texts={{ title: "titleAssign", hint: "hint", none: "noneAssignable" }}
      {...props}
    />
  );
}
