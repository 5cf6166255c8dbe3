import { getTranslations } from "next-intl/server";
import { Badge, type BadgeProps } from "@/components/ui/badge";
import type { AwardStatus } from "@/lib/validation/funding";

const VARIANT: Record<AwardStatus, BadgeProps["variant"]> = {
  requested: "secondary",
  approved: "default",
  disbursing: "warning",
  completed: "success",
  rejected: "destructive",
  cancelled: "outline",
};

export async function AwardStatusBadge({ status }: { status: AwardStatus }) {
  const t = await getTranslations("awardStatus");
  return (
    <Badge variant={VARIANT[status]} data-award-status={status}>
      {t(status)}
    </Badge>
  );
}
