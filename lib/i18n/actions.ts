"use server";

import { cookies } from "next/headers";
import "@/lib/zod";
import { z } from "zod";
import { getDb } from "@/db";
import { setUserLocale } from "@/db/queries/users";
import { getViewer } from "@/lib/dal";
import { LOCALES, LOCALE_COOKIE } from "./config";

const input = z.object({ locale: z.enum(LOCALES) });

export async function changeLocale(formData: FormData): Promise<void> {
  const parsed = input.safeParse({ locale: formData.get("locale") });
  if (!parsed.success) return;
  const { locale } = parsed.data;
  const viewer = await getViewer();
  if (viewer) await setUserLocale(await getDb(), viewer.id, locale);
  (await cookies()).set(LOCALE_COOKIE, locale, {
    path: "/",
    maxAge: 60 * 60 * 24 * 365,
    sameSite: "lax",
    httpOnly: false,
  });
}
