/** The simulator's hosted payment page: what the resident sees in place of Stripe Checkout. */

export type HostedPageView = {
  sessionId: string;
  description: string;
  amount: number;
  locale: "ja" | "en";
  state: "open" | "declined" | "closed" | "paid";
};

const TEXT = {
  ja: {
    title: "お支払い（決済シミュレーター）",
    notice: "開発用のシミュレーターです。実際の請求は発生しません。",
    amount: "お支払い金額",
    pay: "カードで支払う",
    decline: "カードが拒否される（テスト）",
    cancel: "支払わずに戻る",
    declined: "カードが拒否されました。別のカードで支払うか、戻ってください。",
    closed: "このお支払いページは終了しています。申請の画面に戻ってやり直してください。",
    paid: "お支払いは完了しています。",
    yen: (n: number) => `${n.toLocaleString("ja-JP")}円`,
  },
  en: {
    title: "Payment (payment simulator)",
    notice: "This is a development simulator. No real charge is made.",
    amount: "Amount",
    pay: "Pay by card",
    decline: "Card is declined (test)",
    cancel: "Go back without paying",
    declined: "Your card was declined. Try another card or go back.",
    closed: "This payment page has closed. Go back to your application and start again.",
    paid: "This payment is complete.",
    yen: (n: number) => `¥${n.toLocaleString("en-US")}`,
  },
} as const;

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

export function renderHostedPage(view: HostedPageView): string {
  const t = TEXT[view.locale];
  const action = `/c/pay/${encodeURIComponent(view.sessionId)}`;
  const button = (name: string, label: string, primary: boolean) =>
    `<button name="action" value="${name}" style="display:block;width:100%;margin:12px 0;padding:14px;font-size:18px;border-radius:8px;border:2px solid #0031d8;${primary ? "background:#0031d8;color:#fff" : "background:#fff;color:#0031d8"}">${escapeHtml(label)}</button>`;
  const message =
    view.state === "declined" ? `<p role="alert" style="color:#b30000;font-weight:bold">${escapeHtml(t.declined)}</p>`
    : view.state === "closed" ? `<p role="alert">${escapeHtml(t.closed)}</p>`
    : view.state === "paid" ? `<p role="status">${escapeHtml(t.paid)}</p>`
    : "";
  const form =
    view.state === "open" || view.state === "declined"
      ? `<form method="post" action="${action}">${button("pay", t.pay, true)}${button("decline", t.decline, false)}${button("cancel", t.cancel, false)}</form>`
      : "";
  return `<!doctype html><html lang="${view.locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(t.title)}</title></head>
<body style="font-family:sans-serif;font-size:16px;max-width:480px;margin:24px auto;padding:0 16px;color:#1a1a1a">
<main><h1 style="font-size:22px">${escapeHtml(t.title)}</h1><p>${escapeHtml(t.notice)}</p>
<p>${escapeHtml(view.description)}</p><p>${escapeHtml(t.amount)}: <strong data-testid="amount">${escapeHtml(t.yen(view.amount))}</strong></p>
${message}${form}</main></body></html>`;
}
