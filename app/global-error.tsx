"use client";

import "./globals.css";

/** The root layout itself failed, so no translations are loaded: the three languages side by side. */
export default function GlobalError({
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <html lang="ar" dir="rtl">
      <body className="flex min-h-dvh flex-col items-center justify-center gap-4 p-6 text-center">
        <h1 className="text-2xl font-bold">
          حدث خطأ — Une erreur est survenue — Something went wrong
        </h1>
        <p lang="fr" dir="ltr">
          Rien n&apos;a été modifié. Nothing was changed.
        </p>
        <button
          type="button"
          onClick={reset}
          className="rounded-md bg-primary px-4 py-2 text-primary-foreground"
        >
          إعادة المحاولة · Réessayer · Try again
        </button>
      </body>
    </html>
  );
}
