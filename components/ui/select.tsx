import * as React from "react";

import { cn } from "@/lib/utils";

type SelectProps = React.ComponentProps<"select"> & {
  wrapperClassName?: string;
};

function Select({ className, wrapperClassName, multiple, ...props }: SelectProps) {
  return (
    <div
      data-slot="select-wrapper"
      className={cn("relative w-full has-[select:disabled]:opacity-50", wrapperClassName)}
    >
      <select
        data-slot="select"
        multiple={multiple}
        className={cn("select", multiple && "h-auto pe-3", className)}
        {...props}
      />
      {multiple ? null : (
        <span
          aria-hidden="true"
          data-slot="select-icon"
          className="icon-chevron-down pointer-events-none absolute end-3 top-1/2 -translate-y-1/2 text-muted-foreground select-none"
        />
      )}
    </div>
  );
}

export { Select, type SelectProps };
