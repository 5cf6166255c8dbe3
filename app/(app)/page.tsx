import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { verifySession } from "@/lib/dal";
import { AdminHome } from "./_components/admin-home";
import { MentorHome } from "./_components/mentor-home";
import { OfficialHome } from "./_components/official-home";
import { StaffHome } from "./_components/staff-home";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("home");
  return { title: t("title") };
}

export default async function HomePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const viewer = await verifySession();
  const t = await getTranslations("home");
  return (
    <div className="grid min-w-0 gap-6 [&>*]:min-w-0" data-testid={`home-${viewer.role}`}>
      <h1 className="text-2xl font-bold">{t("welcome", { name: viewer.name })}</h1>
      {viewer.role === "admin" && <AdminHome />}
      {viewer.role === "staff" && <StaffHome viewer={viewer} />}
      {viewer.role === "mentor" && <MentorHome viewer={viewer} />}
      {viewer.role === "official" && (
        <OfficialHome viewer={viewer} searchParams={await searchParams} />
      )}
    </div>
  );
}
