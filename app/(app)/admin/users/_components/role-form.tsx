"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/select";
import type { Role } from "@/db/schema";
import { changeRoleAction, type UserActionState } from "../actions";

const idle: UserActionState = { status: "idle" };

type Props = { userId: number; name: string; role: Role; roles: readonly Role[] };

export function RoleForm({ userId, name, role, roles }: Props) {
  const t = useTranslations("adminUsers.role");
  const tRoles = useTranslations("roles");
  const tValidation = useTranslations("validation");
  const [state, action, pending] = useActionState(changeRoleAction, idle);
  const id = `role-${userId}`;
  const error = state.status === "error" && state.error ? tValidation(state.error) : undefined;
  return (
    <form action={action} className="grid gap-1">
      <input type="hidden" name="user_id" value={userId} />
      <div className="flex items-center gap-2">
        <Select
          id={id}
          name="role"
          defaultValue={role}
          aria-label={t("label", { name })}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          wrapperClassName="w-40"
        >
          {roles.map((value) => (
            <option key={value} value={value}>
              {tRoles(value)}
            </option>
          ))}
        </Select>
        <Button type="submit" size="sm" variant="outline" disabled={pending}>
          {t("save")}
        </Button>
      </div>
      {error && (
        <p id={`${id}-error`} role="alert" className="text-sm whitespace-normal text-destructive">
          {error}
        </p>
      )}
      {state.status === "done" && (
        <p role="status" className="text-sm text-muted-foreground">
          {t("saved")}
        </p>
      )}
    </form>
  );
}
