/**
 * 日本語 (standard Japanese): the default language of resident pages, and the source of the message type.
 * The other dictionaries are typed `ResidentMessages`, so a key missing from (or extra in) one of them does
 * not compile. Sections read by client components (signIn, submit, statusAction) hold plain strings only:
 * they cross to the browser as props.
 */
import type { FilingChannel } from "@/db/schema/filings";
import { formatWareki } from "@/lib/dates/wareki";
import { alreadyFiledMessage, FILING_CLOSED_MESSAGES, FILING_STATUS_LABELS } from "./benefit-ja";

const TIME_ZONE = "Asia/Tokyo";
const eraDate = new Intl.DateTimeFormat("ja-JP-u-ca-japanese", { timeZone: TIME_ZONE, era: "long", year: "numeric", month: "long", day: "numeric" });
const dateTime = new Intl.DateTimeFormat("ja-JP", { timeZone: TIME_ZONE, month: "long", day: "numeric", hour: "2-digit", minute: "2-digit" });

const eraYearFormat = new Intl.DateTimeFormat("ja-JP-u-ca-japanese", { timeZone: TIME_ZONE, era: "long", year: "numeric" });
/** 「昭和25年」 for 1950: the way most older residents know their birth year. */
export const eraYear = (year: number): string => eraYearFormat.format(new Date(Date.UTC(year, 6, 1)));

/** Shared with やさしい日本語: dates and numbers read the same in both. */
export const JA_FORMATS = {
  date: (date: Date): string => eraDate.format(date),
  dateTime: (date: Date): string => dateTime.format(date),
  points: (points: number): string => `${points.toLocaleString("ja-JP")}ポイント`,
};

const ja = {
  common: {
    appName: "役場 LINE",
    languageNav: "表示言語",
    backToMenu: "メニューに戻る",
    step: (step: number, of: number): string => `ステップ ${step} / ${of}`,
    ...JA_FORMATS,
  },
  home: {
    hello: (name: string): string => `${name}さん、こんにちは。`,
    menuLabel: "メニュー",
    menu: {
      benefit: { title: "物価高騰支援", description: "支援金（ポイント）の申込み" },
      apply: { title: "電子申請", description: "証明書の請求・手数料の支払い" },
      booking: { title: "予約", description: "健診・施設の予約" },
      topics: { title: "受信設定", description: "受け取るお知らせの選択" },
    },
    jpkiLink: "マイナンバーカードで本人確認",
    scenarios: {
      ok: "本人確認：成功",
      user_cancelled: "本人確認：途中で中止",
      card_locked: "本人確認：カードがロック",
      information_differs: "本人確認：住所が異なる",
    },
  },
  signIn: {
    genericError: "接続できませんでした。もう一度お試しください。",
    retry: "もう一度試す",
    checking: "LINEアカウントを確認しています…",
    timedOut: "LINEアカウントを確認できませんでした。通信状態を確かめて、もう一度お試しください。",
    pickerTitle: "開発用：どの住民として開きますか",
    pickerNote: "LINEの代わりに liff-mock とシミュレーターを使っています。",
  },
  jpki: {
    title: "マイナンバーカードで本人確認",
    metaTitle: "本人確認",
    intro: "スマートフォンでマイナンバーカードを読み取り、氏名・住所・生年月日・性別を確認します。マイナンバー（12桁の番号）は使いません。",
    results: {
      verified: "本人確認ができました。",
      user_cancelled: "本人確認が途中で中止されました。もう一度お試しいただけます。",
      card_locked: "マイナンバーカードがロックされています。役場の窓口でロックを解除してください。",
      expired_request: "時間切れになりました。最初からやり直してください。",
      unknown_request: "この本人確認はすでに終了しているか、無効です。",
      session: "LINEからもう一度開いてください。",
      rate_limited: "しばらく待ってから、もう一度お試しください。",
    },
    failed: "本人確認ができませんでした。もう一度お試しください。",
    fields: { name: "氏名", address: "住所", birthdate: "生年月日", gender: "性別" },
    gender: { male: "男性", female: "女性" },
    start: "本人確認を始める",
  },
  notYetOnline: {
    body: "このサービスは、まだLINEではご利用いただけません。",
    booking: { title: "予約", alternative: "健診や施設の予約は、お電話または窓口でお願いします。" },
    apply: { title: "電子申請", alternative: "証明書の請求などは、役場の窓口でお手続きください。" },
    topics: { title: "受信設定", alternative: "現在は、すべてのお知らせが届きます。" },
  },
  benefit: {
    list: {
      title: "物価高騰支援の申込み",
      metaTitle: "物価高騰支援",
      none: "現在、LINEで申し込める支援はありません。",
      summary: (pointsPerPerson: number, closesAt: Date): string => `世帯の人数 × ${JA_FORMATS.points(pointsPerPerson)}。${JA_FORMATS.date(closesAt)}まで。`,
      apply: "申し込む",
      seeStatus: "申込み状況を見る",
    },
    intro: {
      subtitle: "申し込みの前に",
      pointsToHead: (pointsPerPerson: number): string => `世帯の人数 × ${JA_FORMATS.points(pointsPerPerson)}が、世帯主の方に支給されます。`,
      headOnly: "申し込むのは世帯主の方お一人だけです。ご家族が別々に申し込む必要はありません。",
      prepareCard: "マイナンバーカードと、暗証番号（数字4桁）をご用意ください。",
      start: "始める",
    },
    reference: {
      title: "案内状の照会番号（入力は任意です）",
      metaTitle: "照会番号",
      intro: "役場からお送りした案内状に「照会番号」があれば、入力してください。ない場合は「照会番号なしで進む」を押してください。",
      label: "照会番号（例: 4KQ7-2HTM-W9XA）",
      next: "次へ",
      skip: "照会番号なしで進む",
      errors: {
        length: "照会番号は12文字です。もう一度お確かめください。",
        format: "照会番号に使われない文字が含まれています。もう一度お確かめください。",
        check_digit: "照会番号が正しくありません。もう一度お確かめください。",
      },
      /** Programs that do not require the My Number card: the code and the head's birth date identify the household. */
      withoutCard: {
        title: "案内状の照会番号と、世帯主の生年月日",
        intro: "この支援は、役場からお送りした案内状の「照会番号」と、世帯主の方の生年月日で申し込めます（マイナンバーカードは不要です）。",
        birthDate: "世帯主の生年月日",
        year: "年",
        month: "月",
        day: "日",
        yearOption: (year: number): string => `${year}年（${eraYear(year)}）`,
        errors: {
          required: "案内状の照会番号を入力してください。",
          birth_date: "世帯主の方の生年月日を、年・月・日とも選んでください。",
        },
        mismatch: "照会番号または生年月日が名簿と一致しません。案内状の番号と、世帯主の方の生年月日をお確かめください。",
      },
    },
    identity: {
      title: "マイナンバーカードで本人確認",
      metaTitle: "本人確認",
      results: {
        user_cancelled: "本人確認が途中で中止されました。もう一度お試しいただけます。",
        card_locked: "マイナンバーカードがロックされています。役場の窓口で解除できます。窓口で申し込むこともできます。",
        expired_request: "時間切れになりました。もう一度お試しください。",
      },
      intro: "カードをスマートフォンの背面に当てて読み取ります。使うのは氏名・住所・生年月日・性別だけです。マイナンバー（12桁の番号）は使いません。",
      start: "本人確認を始める",
    },
    confirm: {
      title: "内容の確認",
      reenter: "照会番号を入力し直す",
      noMatch: "マイナンバーカードの情報と一致する世帯が、名簿に見つかりませんでした。転居などで住所が変わった方は、窓口でお申し込みください。",
      notHead: (headName: string | null): string =>
        `この支援は世帯主の方${headName ? `（${headName}さん）` : ""}が申し込みます。世帯主の方のLINEで申し込むか、窓口へお越しください。`,
      referenceMismatch: "照会番号が、本人確認をした方の世帯のものと異なります。案内状の番号をお確かめいただくか、照会番号なしで進んでください。",
      retryIdentity: "別のカードで本人確認をやり直す",
      seeReceipt: "受付票を見る",
      ownFiled: (submittedAt: Date): string => `この申込みは${JA_FORMATS.dateTime(submittedAt)}に受け付けています。受付票で、これからの流れをご確認ください。`,
      readyIntro: "内容に間違いがなければ、「この内容で申し込む」を押してください。",
      address: "住所",
      members: "世帯の方",
      memberDetails: (birthDate: string, isHead: boolean): string => `（${formatWareki(birthDate)}生まれ）${isHead ? "・世帯主" : ""}`,
      points: "支給されるポイント",
      breakdown: (members: number, pointsPerPerson: number): string => `${members}人 × ${JA_FORMATS.points(pointsPerPerson)}`,
    },
    submit: {
      apply: "この内容で申し込む",
      sending: "送信しています…",
      failed: "申し込めませんでした。もう一度お試しください。",
      network: "通信できませんでした。電波の良い場所で、もう一度お試しください。",
      opening: "受付票を開いています…",
    },
    status: {
      title: "申込み状況",
      verificationFailed: "本人確認ができませんでした。もう一度お試しください。",
      none: "まだ申込みはありません。",
      receiptNumber: "受付番号",
      statuses: { ...FILING_STATUS_LABELS },
      needsFix: "修正が必要です：",
      verifyAgain: "もう一度本人確認をしてから、再提出してください。",
      verifyAndResubmit: "本人確認をして再提出する",
      history: "これまでの経過",
      openReceipt: "受付票を見る",
      household: {
        title: "世帯の申込み",
        filed: (submittedAt: Date, channel: FilingChannel): string =>
          `ご家族が${JA_FORMATS.dateTime(submittedAt)}に${channel === "line" ? "LINE" : "窓口"}で、この世帯の申込みをしています。あらためて申し込む必要はありません。`,
        state: "状況",
        hidden: "申し込んだ方の受付番号や詳しい内容は、ご本人にだけ表示されます。",
      },
      aside: (text: string): string => `（${text}）`,
      systemReasons: {
        resident_resubmitted: "修正して再提出",
        resident_withdrew: "ご自身で取下げ",
        counter_resubmitted: "窓口で本人確認のうえ再提出",
      },
    },
    receipt: {
      title: "申込みを受け付けました",
      metaTitle: "受付票",
      receiptNumber: "受付番号",
      program: "事業",
      submittedAt: "受付日時",
      points: "支給予定のポイント",
      status: "現在の状況",
      nextTitle: "これからの流れ",
      next: {
        submitted: "役場で内容を審査します。審査が終わりましたら、結果をLINEでお知らせします。",
        returned: "修正が必要です。「申込み状況」から、もう一度本人確認をして再提出してください。",
        approved: "承認されました。ポイントの付与の準備をしています。付与したら、LINEでお知らせします。",
        granted: "ポイントを付与しました。",
        rejected: "この申込みは却下されました。理由は「申込み状況」でご確認いただけます。",
        withdrawn: "この申込みは取り下げられました。",
        closed_duplicate: "同じ世帯の別の申込みに取りまとめました。",
      },
      closesAt: (closesAt: Date): string => `受付期間は${JA_FORMATS.date(closesAt)}までです。`,
      keep: "この受付票は「申込み状況」からいつでも開けます。お問い合わせのときは受付番号をお伝えください。",
      seeStatus: "申込み状況を見る",
    },
    emoney: {
      title: "ポイントの受け取り方",
      account: (name: string): string => `ポイントは「${name}」で受け取ります。${name}のアカウントが必要です。お持ちでない方は、付与までに作ってください。`,
      howTo: "アカウントの作り方",
    },
    statusAction: {
      resubmit: "再提出する",
      withdraw: "申込みを取り下げる",
      withdrawConfirm: "この申込みを取り下げますか？",
      failed: "処理できませんでした。もう一度お試しください。",
    },
  },
  notFound: {
    title: "ページが見つかりません",
    body: "URLが間違っているか、ページが移動した可能性があります。メニューから選び直してください。",
  },
  counter: {
    before: "",
    after: "の窓口",
    hours: "受付時間",
    phone: "電話",
    bring: "窓口には、運転免許証などの本人確認書類をお持ちください。",
    askCounter: "ご不明な点は、役場の窓口にお問い合わせください。",
  },
  /** The server's refusals (lib/i18n/resident-errors.ts); standard Japanese is also what staff see. Each says what to do next. */
  errors: {
    closed: FILING_CLOSED_MESSAGES,
    alreadyFiled: (submittedAt: Date, channel: FilingChannel): string => alreadyFiledMessage({ submittedAt, channel }),
    unauthenticated: "LINE からもう一度開いてください。",
    rate_limited: "短い時間に操作が集中しました。少し待ってから、もう一度お試しください。",
    invalid: "送られた内容に誤りがあります。前の画面から、もう一度やり直してください。",
    sign_in_rejected: "LINE の本人情報を確認できませんでした。LINE アプリからもう一度開いてください。",
    sign_in_unavailable: "ただいま LINE と通信できません。しばらくしてからお試しください。",
    program_not_found: "この事業は見つかりません。メニューから選び直してください。",
    cannot_file_as_shown: "この内容では申請できません。前の画面に戻って、案内をご確認ください。",
    household_filed: "この世帯はすでに申請済みです。申込み状況をご確認ください。",
    filing_not_found: "申請が見つかりません。申込み状況の画面を開き直してください。",
    not_returned: "この申請は修正を求められていません。申込み状況の画面を開き直してください。",
    resubmit_other_draft: "この様式の入力途中の申請があります。先にその申請を提出するか、保存期限が過ぎてから修正してください。",
    resubmit_fee_changed: "修正で手数料が変わるため、この画面からは出し直せません。担当課にお問い合わせください。",
    resubmit_fee_unpaid: "手数料の納付が確認できていないため、出し直せません。担当課にお問い合わせください。",
    reverify_identity: "もう一度、マイナンバーカードで本人確認をしてから再提出してください。",
    identity_not_head: "本人確認の情報が、町の記録の世帯主と一致しません。窓口でご相談ください。",
    cannot_withdraw: "この申請は、もう取り下げられません。窓口でご相談ください。",
    already_withdrawn: "この申請は取り下げ済みです。",
    verification_missing: "本人確認の記録が見つからないか、有効期限が切れています。もう一度、本人確認をしてください。",
    unknown_action: "操作が正しく指定されていません。画面を開き直して、もう一度お試しください。",
    sign_in_replayed: "前回のログインの有効期限が切れました。LINE アプリからもう一度開いてください。",
  },
};

export type ResidentMessages = typeof ja;
export default ja;
