"use client";

import { useWatch } from "react-hook-form";
import { CheckboxInput, LocalizedFields, NumberInput, SelectInput } from "./editor-fields";
import { OptionsEditor } from "./options-editor";

const PAST = [
  { value: "any", label: "いつでも" },
  { value: "past_only", label: "今日以前だけ" },
  { value: "future_only", label: "今日以降だけ" },
];
const FILE_TYPES = [
  { value: "application/pdf", label: "PDF" },
  { value: "image/jpeg", label: "JPEG 画像" },
  { value: "image/png", label: "PNG 画像" },
];
const SIZES = [1, 2, 5, 10].map((mb) => ({ value: String(mb * 1024 * 1024), label: `${mb}MB` }));

/** The settings only one type of question has (length, range, options, file types, statement). */
export function QuestionSettings({ path, type }: { path: string; type: string }) {
  const accept = useWatch({ name: `${path}.accept` });
  switch (type) {
    case "short_text":
    case "long_text":
      return <NumberInput path={`${path}.maxLength`} label="最大文字数" required />;
    case "number":
      return (
        <div className="flex flex-col gap-3">
          <div className="grid gap-3 md:grid-cols-2">
            <NumberInput path={`${path}.min`} label="最小値" required />
            <NumberInput path={`${path}.max`} label="最大値" required />
          </div>
          <LocalizedFields path={`${path}.unit`} label="単位（任意・例: 通）" />
        </div>
      );
    case "date":
      return <SelectInput path={`${path}.past`} label="選べる日付" hint="住民には和暦も表示します" options={PAST} />;
    case "single_choice":
      return <OptionsEditor path={`${path}.options`} />;
    case "multiple_choice":
      return (
        <div className="flex flex-col gap-3">
          <OptionsEditor path={`${path}.options`} />
          <NumberInput path={`${path}.maxSelected`} label="選べる数の上限（任意）" />
        </div>
      );
    case "file":
      return (
        <div className="flex flex-col gap-3">
          <fieldset>
            <legend className="text-std-16B-170">受け付けるファイルの種類</legend>
            {FILE_TYPES.map((t) => (
              <CheckboxInput key={t.value} id={`${path}-accept-${t.value}`} path={`${path}.accept`} value={t.value} label={t.label} />
            ))}
            {Array.isArray(accept) && accept.length === 0 ? <p className="text-std-16B-170 text-error-2">1つ以上選んでください</p> : null}
          </fieldset>
          <SelectInput path={`${path}.maxBytes`} label="ファイルの大きさの上限" options={SIZES} numeric />
        </div>
      );
    case "consent":
      return <LocalizedFields path={`${path}.statement`} label="同意する内容" required multiline />;
    case "identity":
      return <p className="text-std-16N-170 text-solid-gray-700">マイナンバーカードの基本4情報（氏名・住所・生年月日・性別）を表示し、住民が確かめます。本人確認（JPKI）ありの様式でだけ使えます。</p>;
    case "address":
      return <p className="text-std-16N-170 text-solid-gray-700">郵便番号と住所を入力してもらいます。</p>;
    default:
      return null;
  }
}
