"use client";

import { LogOutIcon } from "lucide-react";
import { signOut } from "next-auth/react";
import { useTransition } from "react";
import { Button } from "@/components/ui/button";

export function SignOutButton({ label }: { label: string }) {
  const [pending, startTransition] = useTransition();
  return (
    <Button
      variant="ghost"
      size="sm"
      disabled={pending}
      onClick={() => startTransition(() => signOut({ callbackUrl: "/login" }))}
    >
      <LogOutIcon className="size-4 rtl:-scale-x-100" aria-hidden />
      {label}
    </Button>
  );
}
