import { getTranslations } from "next-intl/server";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { getDb } from "@/db";
import { cooperativeAssignments, mentorChoices, searchMentors } from "@/db/queries/assignments";
import { canEditCooperatives, type Viewer } from "@/lib/dal";
import { todayIso } from "@/lib/dates";
import { AssignForm } from "../../mentors/_components/assign-form";
import { AssignmentList } from "../../mentors/_components/assignment-list";
import { MentorSearch } from "./mentor-search";

/**
 * The cooperative's mentors: staff and admins assign and unassign them; a mentor sees who else
 * accompanies it. Officials do not see it. The caller has already checked access to the record.
 * When there are too many mentors to list, staff find the one to assign by name (`mentorQ`).
 */
export async function AssignmentsSection({
  viewer,
  cooperativeId,
  archived,
  mentorQ,
}: {
  viewer: Viewer;
  cooperativeId: number;
  archived: boolean;
  mentorQ: string | undefined;
}) {
  if (viewer.role === "official") return null;
  const db = await getDb();
  const today = todayIso();
  const editable = canEditCooperatives(viewer) && !archived;
  const [assignments, listed, t] = await Promise.all([
    cooperativeAssignments(db, cooperativeId, today),
    editable ? mentorChoices(db) : [],
    getTranslations("mentors.assign"),
  ]);
  const found = listed
    ? null
    : mentorQ
      ? await searchMentors(db, mentorQ)
      : { mentors: [], more: false };
  return (
    <Card id="assignments" data-testid="section-assignments">
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
            options={listed ?? found?.mentors ?? []}
            today={today}
            search={
              found && (
                <MentorSearch
                  action={`/cooperatives/${cooperativeId}#assignments`}
                  q={mentorQ}
                  found={found.mentors.length}
                  more={found.more}
                />
              )
            }
          />
        )}
      </CardContent>
    </Card>
  );
}
