import * as React from "react";

import { cn } from "@/lib/utils";
import { Label } from "@/components/ui/label";

type FieldError = string | string[] | undefined;

function errorMessages(error: FieldError): string[] {
  if (error === undefined) return [];
  return (Array.isArray(error) ? error : [error]).filter((message) => message.length > 0);
}

function fieldA11y(id: string, error?: FieldError, hasDescription = false) {
  const invalid = errorMessages(error).length > 0;
  const describedBy = [hasDescription && `${id}-description`, invalid && `${id}-error`]
    .filter(Boolean)
    .join(" ");

  return {
    id,
    "aria-invalid": invalid || undefined,
    "aria-describedby": describedBy || undefined,
  };
}

type FormFieldProps = {
  label: React.ReactNode;
  name: string;
  id?: string;
  error?: FieldError;
  description?: React.ReactNode;
  className?: string;
  children: React.ReactNode;
};

function FormField({
  label,
  name,
  id = name,
  error,
  description,
  className,
  children,
}: FormFieldProps) {
  const messages = errorMessages(error);
  const invalid = messages.length > 0;

  return (
    <div
      data-slot="form-field"
      data-invalid={invalid || undefined}
      className={cn("grid gap-2", className)}
    >
      <Label htmlFor={id} className={cn(invalid && "text-destructive")}>
        {label}
      </Label>
      {children}
      {description ? (
        <p
          id={`${id}-description`}
          data-slot="form-field-description"
          className="text-sm text-muted-foreground"
        >
          {description}
        </p>
      ) : null}
      {invalid ? (
        <div
          id={`${id}-error`}
          role="alert"
          data-slot="form-field-error"
          className="grid gap-1 text-sm text-destructive"
        >
          {messages.map((message, index) => (
            <p key={`${index}-${message}`}>{message}</p>
          ))}
        </div>
      ) : null}
    </div>
  );
}

export { FormField, fieldA11y, type FormFieldProps, type FieldError };
