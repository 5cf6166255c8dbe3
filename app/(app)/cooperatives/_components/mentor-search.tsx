import { ChoiceSearch, type ChoiceSearchProps } from "@/components/choice-search";

/**
 * Finding the mentor to assign when there are too many to list: a plain GET form on the profile
 * (`mentor_q`, back at the section's anchor) that narrows the assignment's choices to matches.
 */
export function MentorSearch(props: ChoiceSearchProps) {
  return (
    <ChoiceSearch kind="mentor" texts={{ title: "title", hint: "hint", none: "none" }} {...props} />
  );
}
