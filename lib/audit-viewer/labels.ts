import { ACTIONS, PERMISSIONS, type Action } from "@/lib/auth/permissions";

/**
 * Japanese names of every action the audit log records. Actions of the permission table are named by their
 * permission label unless listed here; lib/audit-viewer/labels.test.ts scans the code base for the codes it writes and
 * fails when one has no name, so a new domain cannot add an unnamed audit code.
 */
export const EVENT_LABELS: Record<string, string> = {
  "auth.login_succeeded": "ログイン成功",
  "auth.login_failed": "ログイン失敗",
  "auth.login_refused_locked": "ロック中のログイン拒否",
  "auth.locked": "アカウントのロック",
  "auth.signed_out": "ログアウト",
  "audit.view": "監査ログの詳細閲覧",
  "audit.search": "監査ログの検索",
  "audit.export": "監査ログのCSV出力",
  "seed.demo": "デモデータの投入",
  "seed.e2e": "テスト用データの投入",
  "department.list": "部署一覧の閲覧",
  "staff.list": "職員一覧の閲覧",
  "staff.view": "職員情報の閲覧",
  "program.manage": "給付事業の設定",
  "program.report": "給付事業の集計の閲覧",
  "program.report_export": "給付事業の集計のCSV出力",
  "program.letters_export": "案内状の一括出力",
  "program.letter_reprint": "案内状の再印刷",
  "household.search": "世帯の検索（窓口）",
  "filing.list": "申請一覧の閲覧",
  "filing.view": "申請内容の閲覧",
  "filing.decide": "申請の審査",
  "filing.approve": "申請の承認",
  "filing.reject": "申請の却下",
  "filing.return": "申請の差し戻し",
  "filing.file_counter": "窓口申請の入力",
  "filing.resubmit_counter": "窓口での再提出",
  "filing.submit_line": "LINEでの申請",
  "filing.preview_line": "LINE申請の確認画面の表示",
  "filing.view_own": "住民による自分の申請の閲覧",
  "filing.view_receipt": "住民による受付票の閲覧",
  "filing.view_household": "住民による世帯の申請状況の閲覧",
  "filing.resubmit": "住民による再提出",
  "filing.withdraw": "住民による取下げ",
  "filing.duplicate_prevented": "重複申請の受付時の防止",
  "filing.duplicate_scan": "重複の疑いの確認",
  "filing.duplicate_flagged": "重複の疑いの記録",
  "filing.duplicate_list": "重複の疑いの一覧の閲覧",
  "filing.duplicate_kept": "重複の整理（残した申請）",
  "filing.duplicate_closed": "重複の整理（取りまとめた申請）",
  "filing.duplicate_dismissed": "重複ではないとの判断",
  "filing.resolve_duplicate": "重複申請の整理",
  "filing.granted": "ポイントの付与",
  "filing.grant_failed": "ポイントの付与の失敗",
  "grant.batch": "給付バッチの作成",
  "grant.batch_exported": "給付バッチの出力",
  "grant.batch_file_export": "給付バッチファイルのダウンロード",
  "grant.result_file": "付与結果ファイルの取込",
  "grant.result_imported": "付与結果の反映",
  "jpki.start": "公的個人認証の開始",
  "jpki.verified": "公的個人認証の完了",
  "jpki.cancelled": "公的個人認証の中止",
  "jpki.failed": "公的個人認証の失敗",
  "jpki.view": "本人確認結果の表示",
  "line.message.sent": "LINEメッセージの送信",
  "line.message.failed": "LINEメッセージの送信失敗",
  "line.message.received": "LINEメッセージの受信",
  "line.postback": "LINEメニューの操作",
  "line.test_push": "LINEのテスト送信",
  "resident.register": "住民の初回ログイン（登録）",
  "resident.sign_in": "住民のログイン",
  "resident.follow": "LINE友だち追加",
  "resident.unfollow": "LINEブロック・友だち解除",
  "resident.locale.set": "住民による表示言語の変更",
  "resident.safety_check": "住民の安否確認（無事の報告）",
  // Electronic forms (lib/forms).
  "form.create": "電子申請の様式の作成",
  "form.save_draft": "様式の下書きの保存",
  "form.publish": "様式の公開（新しい版）",
  "form.archive": "様式の廃止",
  "form.copy": "様式の複製",
  "form.revert": "過去の版を下書きに戻す",
  "form.draft_start": "住民による電子申請の入力開始",
  "form.draft_resume": "住民による入力途中の申請の再開",
  "form.draft_save": "住民による入力途中の申請の保存",
  "form.submit": "電子申請の提出",
  "form.submit_awaiting_payment": "電子申請の提出（手数料の支払い待ち）",
  "form_submission.approve": "電子申請の承認",
  "form_submission.reject": "電子申請の却下",
  "form_submission.return": "電子申請の差し戻し",
  "form_submission.issued": "電子申請の交付（窓口）",
  "form_submission.mailed": "電子申請の発送（郵送）",
  "form_submission.fix_fee": "電子申請の手数料の確定",
  // Payments (lib/payments): the payment's state as the provider reported it.
  "payment.created": "決済の作成",
  "payment.started": "決済の開始",
  "payment.succeeded": "決済の完了",
  "payment.failed": "決済の失敗",
  "payment.error": "決済のエラー",
  "payment.refund_submitted": "返金の依頼",
  "payment.refunded": "返金の完了",
  "payment.refund_failed": "返金の失敗",
  "payment.webhook_refused": "決済通知（署名不正）の拒否",
  // Reservations (lib/reservations).
  "reservation.book": "予約",
  "reservation.cancel": "住民による予約の取り消し",
  "reservation.waitlist.join": "キャンセル待ちの登録",
  "reservation.waitlist.leave": "キャンセル待ちの取り消し",
  "reservation.waitlist.offer": "キャンセル待ちへの空き枠の案内",
  "reservation.waitlist.take": "案内された空き枠の予約",
  "reservation.waitlist.expire": "空き枠の案内の期限切れ",
  "reservation.link": "電話・窓口の予約とLINEの紐づけ",
  "reservation.link.refused": "予約の紐づけの拒否（番号・電話番号の不一致）",
  "reservation.reminder": "予約の前日のお知らせ",
  "reservation.check_in": "予約の受付（来場）",
  "reservation.no_show": "無断キャンセルの記録",
  "reservation.view_day": "日ごとの予約一覧の閲覧",
  "reservation.export.bookings": "予約一覧のCSV出力",
  "reservation.export.figures": "予約の週別集計のCSV出力",
  "reservation.calendar.create": "予約カレンダーの作成",
  "reservation.calendar.update": "予約カレンダーの変更",
  "reservation.closure.add": "休業日の追加",
  // Topics, broadcasts and disaster mode (lib/segments).
  "segment.topic.create": "配信トピックの作成",
  "segment.topic.update": "配信トピックの変更",
  "segment.subscription.set": "住民による受信設定の変更",
  "segment.emergency.on": "防災モードの開始",
  "segment.emergency.off": "防災モードの終了",
  "broadcast.compose": "配信の作成",
  "broadcast.submit": "配信の承認依頼",
  "broadcast.send": "配信の承認と送信",
  "broadcast.schedule": "配信の承認と送信予約",
  "broadcast.cancel": "配信の取り消し",
  // Review of form submissions, the inbox and the counter (lib/forms review, lib/inbox).
  "form_submission.list": "電子申請の一覧の閲覧",
  "form_submission.view": "電子申請の内容の閲覧",
  "form_submission.export": "電子申請の一覧のCSV出力",
  "form_submission.counter_submit": "電子申請の窓口での入力（現金納付）",
  "payment.cash_recorded": "手数料の現金での受領",
  "inbox.view": "部署の受信箱（対応待ちの申請）の閲覧",
  // Electronic forms: attachments, draft reminders, the resident's own applications (issue 15, f2).
  "form.draft_reminder": "入力途中の申請の期限前のお知らせ",
  "form.attachment_upload": "住民による添付ファイルの登録",
  "form.attachment_refused": "添付ファイルの受付拒否（ウイルス検出など）",
  "form_submission.attachment_download": "電子申請の添付ファイルのダウンロード",
  "form_submission.withdraw": "住民による電子申請の取下げ",
  "form_submission.resubmit_start": "住民による差し戻された電子申請の修正開始",
  "form_submission.resubmit": "住民による電子申請の再提出",
  "application.view_own": "住民による自分の申請一覧の閲覧",
  // Daily payment reconciliation (lib/forms/reconciliation.ts).
  "payment.export": "決済の日次照合のCSV出力",
  "payment.recheck_daily": "保留中の決済の定時再確認",
};

/** Areas of the log: the part of the code before the first dot. */
export const AREA_LABELS: Record<string, string> = {
  auth: "ログイン",
  account: "自分のアカウント",
  staff: "職員",
  department: "部署",
  program: "給付事業",
  household: "世帯",
  filing: "申請",
  grant: "給付",
  jpki: "公的個人認証",
  line: "LINE",
  resident: "住民",
  audit: "監査ログ",
  seed: "データ投入",
  permission: "権限",
  form: "電子申請",
  form_submission: "電子申請の審査",
  payment: "決済",
  reservation: "予約",
  topic: "配信トピック",
  segment: "受信設定・防災モード",
  broadcast: "配信",
  emergency: "防災モード",
  inbox: "受信箱",
  application: "申請の状況（住民）",
};

/** The Japanese name of an action code; "" for a code nobody named (the log keeps what was written). */
export function actionLabel(action: string): string {
  return EVENT_LABELS[action] ?? (ACTIONS.includes(action as Action) ? PERMISSIONS[action as Action].label : "");
}

export function areaOf(action: string): string {
  return action.split(".")[0] ?? action;
}

export type ActionOptionGroup = { area: string; label: string; options: { value: string; label: string }[] };

/** Every named action, grouped by area, for the log's action filter (a select, not codes to type). */
export function actionOptionGroups(): ActionOptionGroup[] {
  const codes = [...new Set([...Object.keys(EVENT_LABELS), ...ACTIONS])];
  const areas = [...new Set([...Object.keys(AREA_LABELS), ...codes.map(areaOf)])];
  return areas
    .map((area) => ({
      area,
      label: AREA_LABELS[area] ?? area,
      options: codes
        .filter((code) => areaOf(code) === area)
        .map((code) => ({ value: code, label: actionLabel(code) }))
        .sort((a, b) => a.label.localeCompare(b.label, "ja")),
    }))
    .filter((group) => group.options.length > 0);
}
