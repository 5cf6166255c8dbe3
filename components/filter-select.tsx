import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";

export type FilterOption = { value: string; label: string };

/**
 * One select of a GET filter form (cooperatives, milestones, funding, impact): "all" first, then
 * the options; `note` says under it when the options are not every value (see cohortChoices).
 */
export function FilterSelect({
  id,
  name,
  label,
  value,
  options,
  allLabel,
  note,
}: {
  id: string;
  name: string;
  label: string;
  value: string | undefined;
  options: readonly FilterOption[];
  allLabel: string;
  note?: string;
}) {
  const noteId = note ? `${id}-note` : undefined;
  return (
    <div className="grid gap-1">
      <Label htmlFor={id} className="text-xs text-muted-foreground">
        {label}
      </Label>
      <Select id={id} name={name} defaultValue={value ?? ""} aria-describedby={noteId}>
        <option value="">{allLabel}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </Select>
      {note && (
        <p id={noteId} className="text-xs text-muted-foreground">
          {note}
        </p>
      )}
    </div>
  );
}
