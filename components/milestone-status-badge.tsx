import { Badge, type BadgeProps } from "@/components/ui/badge";
import type { MilestoneStatus } from "@/lib/validation/milestone";

const VARIANT: Record<MilestoneStatus, BadgeProps["variant"]> = {
  todo: "outline",
  in_progress: "secondary",
  blocked: "destructive",
  reported: "warning",
  done: "success",
  waived: "secondary",
};

/** A milestone's status, the same colour on the profile and in the list. */
export function MilestoneStatusBadge({
  status,
  label,
}: {
  status: MilestoneStatus;
  label: string;
}) {
  return (
    <Badge variant={VARIANT[status]} data-testid="milestone-status" data-status={status}>
      {label}
    </Badge>
  );
}
