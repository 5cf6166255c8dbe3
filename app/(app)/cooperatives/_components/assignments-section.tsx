import { getTranslations } from "next-intl/server";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { getDb } from "@/db";
import { cooperativeAssignments, mentorOptions } from "@/db/queries/assignments";
import { canEditCooperatives, type Viewer } from "@/lib/dal";
import { todayIso } from "@/lib/dates";
import { AssignForm } from "../../mentors/_components/assign-form";
import { AssignmentList } from "../../mentors/_components/assignment-list";

/**
 * The cooperative's mentors: staff and admins assign and unassign them; a mentor sees who else
 * accompanies it. Officials do not see it. The caller has already checked access to the record.
 */
export async function AssignmentsSection({
  viewer,
  cooperativeId,
  archived,
}: {
  viewer: Viewer;
  cooperativeId: number;
  archived: boolean;
}) {
  if (viewer.role === "official") return null;
  const db = await getDb();
  const today = todayIso();
  const editable = canEditCooperatives(viewer) && !archived;
  const [assignments, mentors, t] = await Promise.all([
    cooperativeAssignments(db, cooperativeId, today),
    editable ? mentorOptions(db) : Promise.resolve([]),
    getTranslations("mentors.assign"),
  ]);
  return (
    <Card data-testid="section-assignments">
      <CardHeader>
        <CardTitle>
          <h2>{t("sectionTitle")}</h2>
        </CardTitle>
      </CardHeader>
      <CardContent className="grid gap-4">
        <AssignmentList
          assignments={assignments}
          show="mentor"
          editable={editable}
          linkMentors={canEditCooperatives(viewer)}
        />
        {editable && (
          <AssignForm
            fixed={{ name: "cooperative_id", value: cooperativeId }}
            choose="mentor_id"
            options={mentors}
            today={today}
          />
        )}
      </CardContent>
    </Card>
  );
}
