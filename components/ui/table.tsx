import * as React from "react";

import { cn } from "@/lib/utils";

/**
 * Rows, header cells and cells are styled once from the table (`:where()` keeps these rules below
 * any class a cell is given), not with a class list on each of them: a list page has hundreds of
 * cells, and the repeated class names were a third of its HTML and of its RSC payload.
 */
const CELLS = [
  "[:where(&)_tr]:border-b [:where(&)_tr]:transition-colors [:where(&)_tbody_tr:hover]:bg-muted/50",
  "[:where(&)_th]:h-10 [:where(&)_th]:px-2 [:where(&)_th]:text-start [:where(&)_th]:align-middle [:where(&)_th]:font-medium [:where(&)_th]:whitespace-nowrap [:where(&)_th]:text-foreground",
  "[:where(&)_td]:p-2 [:where(&)_td]:align-middle [:where(&)_td]:whitespace-nowrap",
].join(" ");

function Table({ className, ...props }: React.ComponentProps<"table">) {
  return (
    <div data-slot="table-container" className="relative w-full overflow-x-auto">
      <table
        data-slot="table"
        className={cn("w-full caption-bottom text-sm", CELLS, className)}
        {...props}
      />
    </div>
  );
}

function TableHeader({ className, ...props }: React.ComponentProps<"thead">) {
  return <thead data-slot="table-header" className={cn("[&_tr]:border-b", className)} {...props} />;
}

function TableBody({ className, ...props }: React.ComponentProps<"tbody">) {
  return (
    <tbody
      data-slot="table-body"
      className={cn("[&_tr:last-child]:border-0", className)}
      {...props}
    />
  );
}

function TableFooter({ className, ...props }: React.ComponentProps<"tfoot">) {
  return (
    <tfoot
      data-slot="table-footer"
      className={cn("border-t bg-muted/50 font-medium [&>tr]:last:border-b-0", className)}
      {...props}
    />
  );
}

function TableRow(props: React.ComponentProps<"tr">) {
  return <tr {...props} />;
}

function TableHead(props: React.ComponentProps<"th">) {
  return <th {...props} />;
}

function TableCell(props: React.ComponentProps<"td">) {
  return <td {...props} />;
}

function TableCaption({ className, ...props }: React.ComponentProps<"caption">) {
  return (
    <caption
      data-slot="table-caption"
      className={cn("mt-4 text-sm text-muted-foreground", className)}
      {...props}
    />
  );
}

export { Table, TableHeader, TableBody, TableFooter, TableRow, TableHead, TableCell, TableCaption };
