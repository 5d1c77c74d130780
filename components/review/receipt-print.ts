/** Only the receipt (#receipt) prints: the console's header, navigation and buttons are hidden on paper. */
export const RECEIPT_PRINT_CSS = `
@media print {
  @page { size: A5 portrait; margin: 12mm; }
  body * { visibility: hidden; }
  #receipt, #receipt * { visibility: visible; }
  #receipt { position: absolute; inset: 0; border: none !important; box-shadow: none !important; }
  .no-print { display: none !important; }
}`;

export const receiptTime = new Intl.DateTimeFormat("ja-JP", { timeZone: "Asia/Tokyo", hour: "2-digit", minute: "2-digit" });
