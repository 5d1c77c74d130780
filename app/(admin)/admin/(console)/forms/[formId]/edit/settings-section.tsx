"use client";

import { LocalizedFields, NumberInput, SelectInput } from "./editor-fields";

const IDENTITY = [
  { value: "none", label: "なし" },
  { value: "jpki", label: "マイナンバーカードで本人確認（JPKI）" },
];
const DELIVERY = [
  { value: "none", label: "交付物なし" },
  { value: "mail", label: "郵送" },
  { value: "counter", label: "窓口で交付" },
];

export function SettingsSection() {
  return (
    <section aria-labelledby="settings-heading" className="flex flex-col gap-4 rounded-12 border border-solid-gray-420 bg-white p-4">
      <h2 id="settings-heading" className="text-std-20B-150">様式の設定</h2>
      <LocalizedFields path="title" label="様式名" required />
      <LocalizedFields path="description" label="説明（任意）" multiline />
      <div className="grid gap-3 md:grid-cols-3">
        <SelectInput path="identity" label="本人確認" options={IDENTITY} />
        <SelectInput path="delivery" label="交付の方法" options={DELIVERY} />
        <NumberInput path="draftDays" label="入力途中の保存日数" hint="1〜90日" required />
      </div>
    </section>
  );
}
